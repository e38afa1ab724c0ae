package dev.ganforge.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Numerically stable logistic functions on raw scores, shared by the sigmoid cross-entropy losses. */
final class Logistic {
  private Logistic() {}

  /** softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) so large |x| neither overflows nor loses precision. */
  static INDArray softplus(INDArray x) {
    INDArray tail = Transforms.log(Transforms.exp(Transforms.abs(x, true).negi(), false).addi(1.0), false);
    return Transforms.relu(x, true).addi(tail);
  }

  /** sigmoid(x) = 1 / (1 + e^-x). */
  static INDArray sigmoid(INDArray x) {
    return Transforms.sigmoid(x, true);
  }

  /**
   * Binary cross-entropy on logits, averaged: mean(softplus(s) - y s), and its derivative
   * (sigmoid(s) - y) / n.
   */
  static double crossEntropy(INDArray scores, double target, INDArray gradientOut) {
    long n = scores.length();
    double value = softplus(scores).subi(scores.mul(target)).sumNumber().doubleValue() / n;
    gradientOut.assign(sigmoid(scores).subi(target).divi(n));
    return value;
  }
}
