package dev.ganforge.losses;

import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Objectives shared by several losses, and numerically stable logistic functions on raw scores. */
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

  /**
   * The discriminator's sigmoid cross-entropy of the original GAN, shared by the minimax and
   * non-saturating losses (they differ only for G): real target {@code realLabel}, fake target 0.
   */
  static LossValue discriminatorCrossEntropy(Scores scores, double realLabel) {
    INDArray real = scores.requireReal();
    INDArray realGradient = real.ulike();
    INDArray fakeGradient = scores.fake().ulike();
    double value = crossEntropy(real, realLabel, realGradient) + crossEntropy(scores.fake(), 0.0, fakeGradient);
    return LossValue.of(value, realGradient, fakeGradient);
  }

  /** G's objective of the critic losses (WGAN, hinge): -E[f], derivative -1/n per score. */
  static LossValue negativeMeanFakeScore(Scores scores) {
    INDArray fake = scores.fake();
    return LossValue.ofFake(-fake.meanNumber().doubleValue(), fake.ulike().assign(-1.0 / fake.length()));
  }
}
