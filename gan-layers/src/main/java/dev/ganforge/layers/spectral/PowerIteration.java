package dev.ganforge.layers.spectral;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spectral normalization's arithmetic (Miyato et al. 2018) on a weight matrix laid out {@code [fanIn,
 * nOut]}, with {@code u} (length nOut) the running estimate of its top right-singular vector.
 *
 * <p>The layer uses {@code W / sigma} with {@code sigma = |W u|}. Treating u as a constant (it is state,
 * not a parameter), {@code d sigma / dW = v u^T} with {@code v = W u / sigma}, so the gradient with
 * respect to W of a loss whose gradient with respect to {@code W / sigma} is G is
 * {@code (G - <G, W / sigma> v u^T) / sigma}.
 */
public final class PowerIteration {
  /** Keeps normalisations finite for an all-zero matrix. */
  static final double EPSILON = 1e-12;

  private PowerIteration() {}

  /** Replaces u by {@code normalize(W^T normalize(W u))}, in place: one power-iteration step. */
  public static void step(INDArray weights, INDArray u) {
    INDArray v = weights.mmul(column(u, weights));
    v.divi(v.norm2Number().doubleValue() + EPSILON);
    INDArray next = weights.transpose().mmul(v);
    next.divi(next.norm2Number().doubleValue() + EPSILON);
    u.assign(next.reshape('c', u.shape()));
  }

  /** {@code |W u|}: the estimate of W's largest singular value. */
  public static double sigma(INDArray weights, INDArray u) {
    return weights.mmul(column(u, weights)).norm2Number().doubleValue() + EPSILON;
  }

  /**
   * Turns G, the gradient with respect to {@code W / sigma}, into the gradient with respect to W, in
   * place ({@code gradient} has W's layout and may be a view).
   */
  public static void toRawWeightGradient(INDArray weights, INDArray u, INDArray gradient) {
    INDArray wu = weights.mmul(column(u, weights));
    double sigma = wu.norm2Number().doubleValue() + EPSILON;
    double alignment = gradient.mul(weights).sumNumber().doubleValue() / sigma;
    INDArray direction = wu.divi(sigma).mmul(column(u, weights).transpose()); // v u^T
    gradient.subi(direction.muli(alignment)).divi(sigma);
  }

  private static INDArray column(INDArray u, INDArray weights) {
    return u.reshape('c', weights.size(1), 1).castTo(weights.dataType());
  }
}
