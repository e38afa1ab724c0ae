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

  /** {@link #crossEntropy(INDArray, double, INDArray)} with one target per score. */
  static double crossEntropy(INDArray scores, INDArray targets, INDArray gradientOut) {
    long n = scores.length();
    double value = softplus(scores).subi(scores.mul(targets)).sumNumber().doubleValue() / n;
    gradientOut.assign(sigmoid(scores).subi(targets).divi(n));
    return value;
  }

  /**
   * The discriminator's sigmoid cross-entropy of the original GAN, shared by the minimax and
   * non-saturating losses (they differ only for G): real target {@code realLabel}, fake target 0, each
   * swapped with probability {@code flipProbability} ({@link NoisyLabels}).
   */
  static LossValue discriminatorCrossEntropy(Scores scores, double realLabel, double flipProbability) {
    INDArray real = scores.requireReal();
    INDArray realGradient = real.ulike();
    INDArray fakeGradient = scores.fake().ulike();
    INDArray realTargets = NoisyLabels.targets(real, realLabel, 0.0, flipProbability, scores.random());
    INDArray fakeTargets = NoisyLabels.targets(scores.fake(), 0.0, realLabel, flipProbability, scores.random());
    double value = crossEntropy(real, realTargets, realGradient)
        + crossEntropy(scores.fake(), fakeTargets, fakeGradient);
    return LossValue.of(value, realGradient, fakeGradient);
  }

  /** G's objective of the critic losses (WGAN, hinge): -E[f], derivative -1/n per score. */
  static LossValue negativeMeanFakeScore(Scores scores) {
    INDArray fake = scores.fake();
    return LossValue.ofFake(-fake.meanNumber().doubleValue(), fake.ulike().assign(-1.0 / fake.length()));
  }
}
