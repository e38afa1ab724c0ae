package dev.ganforge.core.data;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The ring of Gaussians (Metz et al. 2017, "Unrolled GANs"): {@code modes} modes on a circle of radius
 * {@code r}, mode {@code k} at {@code r (cos 2 pi k / modes, sin 2 pi k / modes)}. Samples are
 * {@code [n, 2]}.
 */
final class GaussianRingSource extends GaussianMixtureSource {

  GaussianRingSource(GaussianRingConfig config, long seed, DataType dataType) {
    super("gaussian-ring", centers(config.modes(), config.radius()), config.stddev(), config.labelled(), seed, dataType);
  }

  static double[][] centers(int modes, double radius) {
    double[][] centers = new double[modes][];
    for (int k = 0; k < modes; k++) {
      double angle = 2 * Math.PI * k / modes;
      centers[k] = new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
    }
    return centers;
  }
}
