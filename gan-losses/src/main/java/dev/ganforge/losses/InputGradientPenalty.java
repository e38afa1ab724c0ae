package dev.ganforge.losses;

import dev.ganforge.api.regularizer.Critic;
import dev.ganforge.api.regularizer.CriticGradients;
import dev.ganforge.api.regularizer.Penalty;
import dev.ganforge.api.regularizer.RegularizationStep;
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
 * evaluated as a central difference: two extra critic passes on a float64 copy of the critic whatever
 * the training precision, each starting from the same critic state (spectral normalization's u, see
 * {@link Critic}) and the same dropout masks. Each input moves by at most {@code 1e-7} of the inputs'
 * scale, so float64 rounding stays near {@code 1e-16 / 1e-7 = 1e-9} relative and smooth critics add a
 * truncation error of order {@code (1e-7)^2}.
 *
 * <p>Kinks. For piecewise-linear critics (LeakyReLU, the standard WGAN-GP critic) {@code grad_theta D}
 * is linear in {@code x} inside each activation region, so the difference is exact unless a step crosses
 * a kink; one that does adds the jump of that unit's weight gradient divided by {@code 2h}, which swamps
 * the result. The forward difference (plus pass minus anchor pass, the anchor's parameter gradient being
 * computed anyway) and the backward one agree to rounding inside a region and to {@code O(h)} for smooth
 * critics, and disagree by the jump across a kink; beyond {@link #TOLERANCE} of their size the result is
 * not used. Then, in order: the difference is taken again with a step {@link #SMALLER_STEP} times smaller
 * (a crossing is that much less likely; rounding grows to about 1e-6 relative); if that crosses too, an
 * input sits on or next to a kink, and the samples whose own input gradient jumped on one side only are
 * dropped from the parameter gradient (their terms stay in the value); if the differences still disagree,
 * the whole parameter gradient of this step is dropped. Each evaluation records
 * {@code smaller-steps} (0 or 1) and {@code dropped-samples}, logged as {@code penalty/<type>/...}.
 *
 * <p>Samples must be scored independently for the per-sample norms to mean what the papers mean; a
 * critic with batch normalization couples them (WGAN-GP's authors drop batch norm from the critic for
 * this reason). The gradient is still exact for the coupled critic's {@code grad_x sum_i D(x)}.
 */
final class InputGradientPenalty {
  /** Largest input displacement of the finite difference, relative to the inputs' RMS. */
  static final double RELATIVE_STEP = 1e-7;
  /** How much smaller the step of the retry after a kink crossing is. */
  static final double SMALLER_STEP = 1e-3;
  /**
   * Largest relative disagreement of the forward and backward differences: their difference over the
   * sum of their L2 norms. Inside a region it is rounding (1e-9; 1e-6 at the smaller step) or
   * truncation (1e-7); an undetected crossing below it moves the result by less than this, relatively.
   */
  static final double TOLERANCE = 1e-4;
  /**
   * Float64 rounding of the passes' gradients, relative to the anchor's: differences below it are noise,
   * not a kink (at the smaller step the differences come near it).
   */
  static final double ROUNDING = 1e-12;

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
  static Penalty at(RegularizationStep step, INDArray anchors, NormFunction phi, double weight) {
    Passes passes = new Passes(step.critic().atPrecision(DataType.DOUBLE), anchors.castTo(DataType.DOUBLE));
    long n = passes.n;
    CriticGradients atAnchors = passes.at(passes.x);
    INDArray g = rows(atAnchors.inputGradient(), n);

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
      record(step, 0, 0);
      return Penalty.of(value, atAnchors.parameterGradient().ulike().assign(0));
    }
    double scale = Math.max(passes.x.norm2Number().doubleValue() / Math.sqrt(passes.x.length()), 1e-3);
    double h = RELATIVE_STEP * scale / largestMove;
    Difference difference = passes.difference(atAnchors, direction, h);
    int smallerSteps = 0;
    if (!difference.consistent()) {
      smallerSteps = 1;
      h *= SMALLER_STEP;
      difference = passes.difference(atAnchors, direction, h);
    }
    int dropped = 0;
    if (!difference.consistent()) {
      INDArray kept = direction.dup();
      for (int i = 0; i < n; i++) {
        if (difference.jumped(atAnchors.inputGradient(), i)) {
          kept.getRow(i).assign(0);
          dropped++;
        }
      }
      difference = dropped == 0 || dropped == n ? null : passes.difference(atAnchors, kept, h);
      if (difference == null || !difference.consistent()) {
        record(step, smallerSteps, n);
        return Penalty.of(value, atAnchors.parameterGradient().ulike().assign(0));
      }
    }
    record(step, smallerSteps, dropped);
    return Penalty.of(value, difference.central());
  }

  private static void record(RegularizationStep step, int smallerSteps, long dropped) {
    step.record("smaller-steps", smallerSteps);
    step.record("dropped-samples", dropped);
  }

  /** {@code [n, ...]} as {@code [n, features]}. */
  private static INDArray rows(INDArray batch, long n) {
    return batch.reshape('c', n, batch.length() / n);
  }

  /** Critic passes at the anchors and beside them, all with the same dropout masks. */
  private static final class Passes {
    private final Critic critic;
    private final INDArray x;
    private final long n;
    private final INDArray ones;
    private final long maskSeed = Nd4j.getRandom().nextLong();

    Passes(Critic critic, INDArray x) {
      this.critic = critic;
      this.x = x;
      this.n = x.size(0);
      this.ones = Nd4j.ones(DataType.DOUBLE, n, 1);
    }

    CriticGradients at(INDArray input) {
      // The passes must see the same dropout masks, or the difference measures the masks.
      Nd4j.getRandom().setSeed(maskSeed);
      return critic.gradients(input, ones);
    }

    /** The passes at {@code x +- h direction}. */
    Difference difference(CriticGradients anchor, INDArray direction, double h) {
      INDArray step = direction.mul(h).reshape('c', x.shape());
      return new Difference(anchor, at(x.add(step)), at(x.sub(step)), h, n);
    }
  }

  /** One central difference with its one-sided halves. */
  private record Difference(CriticGradients anchor, CriticGradients plus, CriticGradients minus, double h,
      long n) {
    boolean consistent() {
      INDArray forward = plus.parameterGradient().sub(anchor.parameterGradient());
      INDArray backward = anchor.parameterGradient().sub(minus.parameterGradient());
      double disagreement = forward.sub(backward).norm2Number().doubleValue();
      return disagreement <= TOLERANCE
          * (forward.norm2Number().doubleValue() + backward.norm2Number().doubleValue())
          + ROUNDING * anchor.parameterGradient().norm2Number().doubleValue();
    }

    INDArray central() {
      return plus.parameterGradient().sub(minus.parameterGradient()).divi(2 * h);
    }

    /**
     * Whether sample {@code i}'s input gradient changed on one side only: across a kink it jumps on the
     * side that crossed, while inside a region it changes by {@code +-O(h)} (smooth) or not at all.
     */
    boolean jumped(INDArray anchorInputGradient, int i) {
      INDArray atAnchor = rows(anchorInputGradient, n).getRow(i);
      INDArray forward = rows(plus.inputGradient(), n).getRow(i).sub(atAnchor);
      INDArray backward = atAnchor.sub(rows(minus.inputGradient(), n).getRow(i));
      double asymmetry = forward.sub(backward).norm2Number().doubleValue();
      return asymmetry > 1e-12 * atAnchor.norm2Number().doubleValue()
          && asymmetry > TOLERANCE * (forward.norm2Number().doubleValue() + backward.norm2Number().doubleValue());
    }
  }
}
