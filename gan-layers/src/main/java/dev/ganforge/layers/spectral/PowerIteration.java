package dev.ganforge.layers.spectral;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;

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
   * place ({@code gradient} has W's shape and must be contiguous in 'f' order, as DL4J's weight gradient
   * views are; BLAS's rank-one update misreads a 'c'-ordered one).
   */
  public static void toRawWeightGradient(INDArray weights, INDArray u, INDArray gradient) {
    INDArray uColumn = column(u, weights);
    INDArray v = weights.mmul(uColumn);
    double sigma = v.norm2Number().doubleValue() + EPSILON;
    v.divi(sigma);
    double alignment = Nd4j.getExecutioner().exec(new Dot(gradient, weights)).getDouble(0) / sigma;
    // In place, no matrix-sized temporaries: G / sigma, then the rank-one update -(alignment / sigma) v u^T.
    gradient.divi(sigma);
    Nd4j.getBlasWrapper().level2().ger(gradient.ordering(), -alignment / sigma, v, uColumn, gradient);
  }

  private static INDArray column(INDArray u, INDArray weights) {
    return u.reshape('c', weights.size(1), 1).castTo(weights.dataType());
  }
}
