package dev.ganforge.metrics.statistics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Mean and covariance of a set of feature vectors, in float64: what FID compares. The covariance is the
 * unbiased one (divided by n - 1), as numpy's {@code cov} and pytorch-fid compute it.
 *
 * @param mean {@code [d]}
 * @param covariance {@code [d, d]}
 * @param count the number of vectors summarised
 */
public record GaussianStatistics(INDArray mean, INDArray covariance, long count) {

  /** The statistics of {@code features}, {@code [n, d]} with n at least 2. */
  public static GaussianStatistics of(INDArray features) {
    if (features.rank() != 2 || features.size(0) < 2) {
      throw new IllegalArgumentException("Gaussian statistics need at least 2 feature vectors [n, d], got "
          + java.util.Arrays.toString(features.shape()));
    }
    INDArray x = features.castTo(DataType.DOUBLE);
    if (BooleanIndexing.or(x, Conditions.isNan()) || BooleanIndexing.or(x, Conditions.isInfinite())) {
      throw new ArithmeticException("the features contain NaN or infinity: the generator or the feature "
          + "extractor diverged");
    }
    INDArray mean = x.mean(0);
    INDArray centred = x.subRowVector(mean);
    INDArray covariance = centred.transpose().mmul(centred).divi(x.size(0) - 1);
    return new GaussianStatistics(mean, covariance, x.size(0));
  }
}
