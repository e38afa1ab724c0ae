package dev.ganforge.core.data;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The grid of Gaussians (Lin et al. 2018, "PacGAN"; Srivastava et al. 2017, "VEEGAN"): {@code side^2}
 * modes centred on the origin, mode {@code (i, j)} at {@code spacing (i - (side-1)/2, j - (side-1)/2)};
 * the defaults give the 25 modes at {@code {-4,-2,0,2,4}^2}. Samples are {@code [n, 2]}.
 */
final class GaussianGridSource extends GaussianMixtureSource {

  GaussianGridSource(GaussianGridConfig config, long seed, DataType dataType) {
    super("gaussian-grid", centers(config.side(), config.spacing()), config.stddev(), config.labelled(), seed, dataType);
  }

  /** Row {@code i * side + j} is mode {@code (i, j)}. */
  static double[][] centers(int side, double spacing) {
    double middle = (side - 1) / 2.0;
    double[][] centers = new double[side * side][];
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        centers[i * side + j] = new double[] {spacing * (i - middle), spacing * (j - middle)};
      }
    }
    return centers;
  }
}
