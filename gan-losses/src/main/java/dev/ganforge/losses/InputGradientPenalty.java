package dev.ganforge.losses;

import dev.ganforge.api.regularizer.Critic;
import dev.ganforge.api.regularizer.CriticGradients;
import dev.ganforge.api.regularizer.Penalty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machinery shared by the penalties on the critic's input gradient (WGAN-GP, DRAGAN, R1, R2):
 * {@code P = weight * mean_i phi(|g_i|)} with {@code g_i = grad_x D(x_i)} and the norm taken per sample.
 *
 * <p>DL4J has no second-order autodiff, so {@code dP/dtheta} comes from a directional finite difference
 * of first derivatives. With {@code v_i = (weight / n) phi'(|g_i|) g_i / |g_i|},
 * <pre>  dP/dtheta = sum_i (d g_i / d theta)^T v_i = d/dh [grad_theta sum_i D(x_i + h v_i)] at h = 0,</pre>
 * evaluated as a central difference: two extra critic passes. The passes run on a float64 copy of the
 * critic whatever the training precision. For piecewise-linear critics (LeakyReLU, the standard WGAN-GP
 * critic) {@code grad_theta D} is linear in {@code x} inside each activation region, so the central
 * difference is exact unless a step crosses a kink; the step moves each input by at most {@code 1e-7}
 * of the inputs' scale, which makes a crossing improbable and its effect tiny, while float64 rounding
 * stays near {@code 1e-16 / 1e-7 = 1e-9} relative. Smooth critics add a truncation error of order
 * {@code (1e-7)^2}. Tests compare against a float64 per-parameter brute force at 1e-4 relative.
 *
 * <p>Samples must be scored independently: a critic with batch normalization couples them, and its
 * per-sample input gradient is not what these penalties assume (WGAN-GP's authors drop batch norm from
 * the critic for this reason).
 */
final class InputGradientPenalty {
  /** Largest input displacement of the finite difference, relative to the inputs' RMS. */
  static final double RELATIVE_STEP = 1e-7;

  /** The per-sample function of the gradient norm. */
  interface NormFunction {
    double value(double norm);

    double derivative(double norm);
  }

  /** {@code (norm - target)^2}: WGAN-GP and DRAGAN. */
  static NormFunction distanceFrom(double target) {
    return new NormFunction() {
      @Override
      public double value(double norm) {
        return (norm - target) * (norm - target);
      }

      @Override
      public double derivative(double norm) {
        return 2 * (norm - target);
      }
    };
  }

  /** {@code norm^2 / 2}: R1 and R2 (Mescheder et al. 2018 write gamma/2 |g|^2). */
  static final NormFunction HALF_SQUARED_NORM = new NormFunction() {
    @Override
    public double value(double norm) {
      return norm * norm / 2;
    }

    @Override
    public double derivative(double norm) {
      return norm;
    }
  };

  private InputGradientPenalty() {}

  /** The penalty at {@code anchors} ({@code [n, ...]}) with its parameter gradient, in float64. */
  static Penalty at(Critic critic, INDArray anchors, NormFunction phi, double weight) {
    Critic precise = critic.atPrecision(DataType.DOUBLE);
    INDArray x = anchors.castTo(DataType.DOUBLE);
    long n = x.size(0);
    INDArray ones = Nd4j.ones(DataType.DOUBLE, n, 1);
    // The three passes must see the same dropout masks, or the difference measures the masks.
    long maskSeed = Nd4j.getRandom().nextLong();
    Nd4j.getRandom().setSeed(maskSeed);
    CriticGradients atAnchors = precise.gradients(x, ones);
    INDArray g = atAnchors.inputGradient().reshape('c', n, x.length() / n);

    double[] norms = g.norm2(1).toDoubleVector();
    double value = 0;
    double[] coefficients = new double[(int) n];
    for (int i = 0; i < n; i++) {
      value += phi.value(norms[i]);
      // phi'(|g|) g / |g|; at |g| = 0 the direction is undefined and phi'(0) g / |g| -> 0 for R1.
      coefficients[i] = norms[i] == 0 ? 0 : weight / n * phi.derivative(norms[i]) / norms[i];
    }
    value = weight * value / n;
    INDArray direction = g.mulColumnVector(Nd4j.createFromArray(coefficients).reshape(n, 1));

    double largestMove = direction.norm2(1).maxNumber().doubleValue();
    if (largestMove == 0) {
      return Penalty.of(value, atAnchors.parameterGradient().ulike().assign(0));
    }
    double scale = Math.max(x.norm2Number().doubleValue() / Math.sqrt(x.length()), 1e-3);
    double h = RELATIVE_STEP * scale / largestMove;
    INDArray step = direction.mul(h).reshape('c', x.shape());
    Nd4j.getRandom().setSeed(maskSeed);
    INDArray plus = precise.gradients(x.add(step), ones).parameterGradient();
    Nd4j.getRandom().setSeed(maskSeed);
    INDArray minus = precise.gradients(x.sub(step), ones).parameterGradient();
    return Penalty.of(value, plus.subi(minus).divi(2 * h));
  }
}
