package dev.ganforge.metrics.statistics;

import dev.ganforge.api.RandomSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Kernel Inception Distance (Bińkowski et al. 2018): the unbiased estimate of the squared maximum mean
 * discrepancy between two feature sets with the cubic polynomial kernel {@code k(x, y) = (x.y / d + 1)^3},
 * averaged over random subsets of equal size (their spread is reported too). Unbiased: it can be
 * slightly negative when the two sets come from the same distribution.
 */
public final class KernelDistance {
  private KernelDistance() {}

  /** The mean and standard deviation of the subset estimates. */
  public record Result(double mean, double stddev, int subsets, int subsetSize) {}

  /** The unbiased MMD^2 between all of {@code x} ({@code [m, d]}) and all of {@code y} ({@code [n, d]}). */
  public static double unbiasedMmd2(INDArray x, INDArray y) {
    INDArray a = x.castTo(DataType.DOUBLE);
    INDArray b = y.castTo(DataType.DOUBLE);
    long m = a.size(0);
    long n = b.size(0);
    if (m < 2 || n < 2 || a.size(1) != b.size(1)) {
      throw new IllegalArgumentException("KID needs two sets of at least 2 vectors of one size, got "
          + java.util.Arrays.toString(a.shape()) + " and " + java.util.Arrays.toString(b.shape()));
    }
    double xx = offDiagonalSum(kernel(a, a));
    double yy = offDiagonalSum(kernel(b, b));
    double xy = kernel(a, b).sumNumber().doubleValue();
    return xx / (m * (m - 1.0)) + yy / (n * (n - 1.0)) - 2 * xy / ((double) m * n);
  }

  /**
   * The mean of {@code subsets} estimates, each between {@code subsetSize} vectors of x and of y drawn
   * without replacement (the sets are used whole when smaller).
   */
  public static Result overSubsets(INDArray x, INDArray y, int subsetSize, int subsets, RandomSource random) {
    int size = (int) Math.min(subsetSize, Math.min(x.size(0), y.size(0)));
    double[] estimates = new double[subsets];
    for (int s = 0; s < subsets; s++) {
      estimates[s] = unbiasedMmd2(rows(x, sample(x.size(0), size, random)), rows(y, sample(y.size(0), size, random)));
    }
    double mean = java.util.Arrays.stream(estimates).average().orElse(Double.NaN);
    double variance = java.util.Arrays.stream(estimates).map(e -> (e - mean) * (e - mean)).sum()
        / Math.max(1, subsets - 1);
    return new Result(mean, Math.sqrt(variance), subsets, size);
  }

  private static INDArray kernel(INDArray a, INDArray b) {
    return Transforms.pow(a.mmul(b.transpose()).divi(a.size(1)).addi(1), 3, false);
  }

  private static double offDiagonalSum(INDArray square) {
    return square.sumNumber().doubleValue() - FrechetDistance.trace(square);
  }

  /** {@code count} distinct indices below {@code n}, by a partial Fisher-Yates shuffle. */
  private static int[] sample(long n, int count, RandomSource random) {
    int[] order = new int[(int) n];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int[] chosen = new int[count];
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(order.length - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      chosen[i] = order[i];
    }
    return chosen;
  }

  private static INDArray rows(INDArray matrix, int[] indices) {
    return Nd4j.pullRows(matrix, 1, indices);
  }
}
