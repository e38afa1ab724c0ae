package dev.ganforge.metrics.statistics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inception Score (Salimans et al. 2016) from a classifier's class probabilities p(y|x):
 * {@code exp(mean over x of KL(p(y|x) || p(y)))}, p(y) the split's mean prediction, computed on
 * {@code splits} consecutive equal parts; the mean and standard deviation over the parts. It ranges
 * from 1 (every prediction the same) to the number of classes (confident predictions spread evenly).
 */
public final class InceptionScore {
  private InceptionScore() {}

  public record Result(double mean, double stddev, int splits) {}

  /** @param probabilities {@code [n, classes]}, rows summing to 1 */
  public static Result of(INDArray probabilities, int splits) {
    double[][] p = probabilities.castTo(DataType.DOUBLE).toDoubleMatrix();
    if (splits < 1 || p.length < splits) {
      throw new IllegalArgumentException("Inception Score needs at least one prediction per split: "
          + p.length + " predictions, " + splits + " splits");
    }
    double[] scores = new double[splits];
    for (int s = 0; s < splits; s++) {
      int from = s * p.length / splits;
      int to = (s + 1) * p.length / splits;
      double[] marginal = new double[p[0].length];
      for (int i = from; i < to; i++) {
        for (int c = 0; c < marginal.length; c++) {
          marginal[c] += p[i][c] / (to - from);
        }
      }
      double divergence = 0;
      for (int i = from; i < to; i++) {
        for (int c = 0; c < marginal.length; c++) {
          if (p[i][c] > 0) {
            divergence += p[i][c] * (Math.log(p[i][c]) - Math.log(marginal[c]));
          }
        }
      }
      scores[s] = Math.exp(divergence / (to - from));
    }
    double mean = java.util.Arrays.stream(scores).average().orElseThrow();
    double variance = java.util.Arrays.stream(scores).map(v -> (v - mean) * (v - mean)).sum() / splits;
    return new Result(mean, Math.sqrt(variance), splits);
  }
}
