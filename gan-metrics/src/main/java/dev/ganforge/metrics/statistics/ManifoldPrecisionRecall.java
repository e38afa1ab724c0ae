package dev.ganforge.metrics.statistics;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019). Each set's manifold is the union of balls
 * around its points, each ball reaching the point's k-th nearest neighbour in the same set. Precision is
 * the fraction of generated points inside the real manifold (quality); recall the fraction of real
 * points inside the generated manifold (coverage). Distances are computed in blocks, so 10,000 points
 * need memory for a block of rows only.
 */
public final class ManifoldPrecisionRecall {
  private static final int BLOCK = 1024;

  private ManifoldPrecisionRecall() {}

  public record Result(double precision, double recall, int k) {}

  public static Result of(INDArray real, INDArray generated, int k) {
    INDArray r = real.castTo(DataType.DOUBLE);
    INDArray g = generated.castTo(DataType.DOUBLE);
    if (r.size(0) <= k || g.size(0) <= k || r.size(1) != g.size(1)) {
      throw new IllegalArgumentException("precision/recall needs more than k = " + k + " vectors of one size in "
          + "each set, got " + Arrays.toString(r.shape()) + " and " + Arrays.toString(g.shape()));
    }
    return new Result(fractionInside(g, r, radii(r, k)), fractionInside(r, g, radii(g, k)), k);
  }

  /** Each point's distance to its k-th nearest other point of the same set. */
  static double[] radii(INDArray points, int k) {
    double[] radii = new double[(int) points.size(0)];
    forEachBlock(points, points, (offset, distances) -> {
      for (int i = 0; i < distances.length; i++) {
        double[] row = distances[i].clone();
        Arrays.sort(row);
        radii[offset + i] = row[k]; // row[0] is the point itself
      }
    });
    return radii;
  }

  /** The fraction of {@code points} within the radius of at least one point of the manifold. */
  static double fractionInside(INDArray points, INDArray manifold, double[] radii) {
    int[] inside = {0};
    forEachBlock(points, manifold, (offset, distances) -> {
      for (double[] row : distances) {
        for (int j = 0; j < row.length; j++) {
          if (row[j] <= radii[j]) {
            inside[0]++;
            break;
          }
        }
      }
    });
    return inside[0] / (double) points.size(0);
  }

  private interface BlockConsumer {
    void accept(int offset, double[][] distances);
  }

  /** Euclidean distances from blocks of rows of {@code a} to every row of {@code b}. */
  private static void forEachBlock(INDArray a, INDArray b, BlockConsumer consumer) {
    INDArray bNorms = b.mul(b).sum(1).reshape(1, b.size(0));
    for (long start = 0; start < a.size(0); start += BLOCK) {
      long end = Math.min(a.size(0), start + BLOCK);
      INDArray block = a.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
      INDArray aNorms = block.mul(block).sum(1).reshape(end - start, 1);
      INDArray squared = block.mmul(b.transpose()).muli(-2).addiRowVector(bNorms).addiColumnVector(aNorms);
      double[][] distances = squared.toDoubleMatrix();
      for (double[] row : distances) {
        for (int j = 0; j < row.length; j++) {
          row[j] = Math.sqrt(Math.max(row[j], 0));
        }
      }
      consumer.accept((int) start, distances);
    }
  }
}
