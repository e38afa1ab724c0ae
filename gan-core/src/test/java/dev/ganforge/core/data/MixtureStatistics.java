package dev.ganforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks samples against the closed form of an equal-weight mixture of isotropic Gaussians
 * {@code sum_k 1/K N(c_k, s^2 I)}. Every tolerance is five standard errors of the statistic it bounds,
 * so a correct sampler fails a check with probability below 6e-7 (two-sided normal tail at 5 sigma), and
 * the frequency check uses the 99.9% quantile of its chi-square distribution.
 */
final class MixtureStatistics {
  private static final double STANDARD_ERRORS = 5;

  private MixtureStatistics() {}

  /**
   * Each sample is attributed to its nearest centre. The configs tested put neighbouring centres at
   * least 30 standard deviations apart, so a sample is attributed to the wrong mode only if its noise
   * exceeds 15 standard deviations along the line between two centres: probability below 1e-50.
   */
  static void assertMatchesMixture(INDArray samples, double[][] centers, double stddev) {
    double[][] x = samples.toDoubleMatrix();
    int n = x.length;
    int modes = centers.length;
    int dimension = centers[0].length;
    long[] counts = new long[modes];
    double[][] sums = new double[modes][dimension];
    double[][] squares = new double[modes][dimension];
    double normSum = 0;
    double normSquareSum = 0;
    for (double[] sample : x) {
      int mode = nearest(sample, centers);
      counts[mode]++;
      double norm = 0;
      for (int d = 0; d < dimension; d++) {
        sums[mode][d] += sample[d];
        squares[mode][d] += sample[d] * sample[d];
        norm += sample[d] * sample[d];
      }
      normSum += norm;
      normSquareSum += norm * norm;
    }

    // Mode frequencies: Pearson's statistic is chi-square with K - 1 degrees of freedom.
    double expected = (double) n / modes;
    double chiSquare = 0;
    for (long count : counts) {
      chiSquare += (count - expected) * (count - expected) / expected;
    }
    assertThat(chiSquare).as("chi-square of the mode counts %s", Arrays.toString(counts))
        .isLessThan(chiSquareQuantile999(modes - 1));

    for (int k = 0; k < modes; k++) {
      double squaredDeviations = 0;
      for (int d = 0; d < dimension; d++) {
        double mean = sums[k][d] / counts[k];
        // The mean of n_k draws of N(c, s^2) has standard error s / sqrt(n_k).
        assertThat(mean).as("mean of coordinate %d of mode %d", d, k)
            .isCloseTo(centers[k][d], within(STANDARD_ERRORS * stddev / Math.sqrt(counts[k])));
        squaredDeviations += squares[k][d] - counts[k] * mean * mean;
      }
      // The pooled standard deviation has m = d (n_k - 1) degrees of freedom and standard error
      // s / sqrt(2 m).
      long degrees = dimension * (counts[k] - 1);
      assertThat(Math.sqrt(squaredDeviations / degrees)).as("standard deviation around mode %d", k)
          .isCloseTo(stddev, within(STANDARD_ERRORS * stddev / Math.sqrt(2.0 * degrees)));
    }

    // E|x|^2 = mean_k |c_k|^2 + d s^2; its estimate's standard error is estimated from the sample.
    double expectedNorm = dimension * stddev * stddev;
    for (double[] center : centers) {
      double norm = 0;
      for (double value : center) {
        norm += value * value;
      }
      expectedNorm += norm / modes;
    }
    double meanNorm = normSum / n;
    double normStandardError = Math.sqrt((normSquareSum / n - meanNorm * meanNorm) / n);
    assertThat(meanNorm).as("mean squared norm")
        .isCloseTo(expectedNorm, within(STANDARD_ERRORS * normStandardError));
  }

  /**
   * The Wilson-Hilferty approximation of the chi-square 99.9% quantile (z = 3.0902); within 1% of the
   * exact value for the degrees of freedom used here (24.5 vs 24.32 for 7, 51.3 vs 51.18 for 24).
   */
  static double chiSquareQuantile999(int degrees) {
    double a = 2.0 / (9.0 * degrees);
    return degrees * Math.pow(1 - a + 3.0902 * Math.sqrt(a), 3);
  }

  private static int nearest(double[] sample, double[][] centers) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int k = 0; k < centers.length; k++) {
      double distance = 0;
      for (int d = 0; d < sample.length; d++) {
        distance += (sample[d] - centers[k][d]) * (sample[d] - centers[k][d]);
      }
      if (distance < bestDistance) {
        bestDistance = distance;
        best = k;
      }
    }
    return best;
  }
}
