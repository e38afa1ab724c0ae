package dev.ganforge.progressive;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Nearest-neighbour upsampling and average pooling of image batches {@code [n, c, h, w]} by a whole
 * factor, and their transposes for backward passes: the {@code upscale2d} and {@code downscale2d} of
 * Karras et al.'s code.
 */
final class Resampling {
  private Resampling() {}

  /** Each pixel becomes a {@code factor x factor} block of copies. */
  static INDArray upsample(INDArray x, int factor) {
    return factor == 1 ? x.dup() : x.repeat(2, factor).repeat(3, factor);
  }

  /** The mean of each {@code factor x factor} block. */
  static INDArray average(INDArray x, int factor) {
    return factor == 1 ? x.dup() : sum(x, factor).divi(factor * factor);
  }

  /** The sum of each {@code factor x factor} block: the transpose of {@link #upsample}. */
  static INDArray sum(INDArray x, int factor) {
    long[] s = x.shape();
    if (s[2] % factor != 0 || s[3] % factor != 0) {
      throw new IllegalArgumentException("cannot pool " + s[2] + "x" + s[3] + " images by " + factor);
    }
    return x.dup('c').reshape('c', s[0], s[1], s[2] / factor, factor, s[3] / factor, factor).sum(3, 5);
  }

  /** The transpose of {@link #average}: each gradient spread evenly over its block. */
  static INDArray averageTranspose(INDArray gradient, int factor) {
    return upsample(gradient, factor).divi(factor * factor);
  }
}
