package dev.ganforge.metrics.statistics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Fréchet distance between two Gaussians (Heusel et al. 2017's FID on feature statistics):
 * {@code |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2))}.
 *
 * <p>{@code tr((S1 S2)^(1/2))} equals {@code tr((A S2 A)^(1/2))} with {@code A = S1^(1/2)}, and
 * {@code A S2 A} is symmetric positive semi-definite, so both square roots come from symmetric
 * eigendecompositions (LAPACK, float64): real eigenvalues, no complex parts to discard as
 * {@code scipy.linalg.sqrtm} of the non-symmetric product does. Eigenvalues below zero by rounding
 * (down to {@value #NEGATIVE_TOLERANCE} of the largest) count as zero; a more negative one means a
 * matrix is not a covariance, and is an error rather than a silent NaN.
 */
public final class FrechetDistance {
  static final double NEGATIVE_TOLERANCE = 1e-9;

  private FrechetDistance() {}

  public static double between(GaussianStatistics first, GaussianStatistics second) {
    if (!java.util.Arrays.equals(first.mean().shape(), second.mean().shape())) {
      throw new IllegalArgumentException("feature sizes differ: " + first.mean().length() + " and "
          + second.mean().length() + "; compare statistics from the same feature extractor");
    }
    INDArray difference = first.mean().sub(second.mean());
    double meanTerm = difference.mul(difference).sumNumber().doubleValue();
    INDArray root = symmetricSquareRoot(first.covariance(), "the first covariance");
    INDArray product = root.mmul(second.covariance()).mmul(root);
    INDArray symmetric = product.add(product.transpose()).muli(0.5);
    double crossTrace = clippedEigenvalues(symmetric, false, "S1^(1/2) S2 S1^(1/2)").getFirst();
    return meanTerm + trace(first.covariance()) + trace(second.covariance()) - 2 * crossTrace;
  }

  static double trace(INDArray square) {
    return Nd4j.diag(square).sumNumber().doubleValue();
  }

  /** {@code S^(1/2)} of a symmetric positive semi-definite S, as {@code V diag(sqrt(lambda)) V^T}. */
  static INDArray symmetricSquareRoot(INDArray matrix, String what) {
    var decomposition = clippedEigenvalues(matrix, true, what);
    INDArray vectors = decomposition.getSecond();
    return vectors.mulRowVector(decomposition.getThird()).mmul(vectors.transpose());
  }

  /**
   * Eigendecomposition of a symmetric matrix with rounding negatives set to 0: the sum of the square roots
   * of the eigenvalues, the eigenvectors (as columns; null unless asked) and the square roots.
   */
  private static org.nd4j.common.primitives.Triple<Double, INDArray, INDArray> clippedEigenvalues(
      INDArray matrix, boolean vectors, String what) {
    INDArray work = matrix.dup('f');
    INDArray values = Eigen.symmetricGeneralizedEigenvalues(work, vectors).reshape(-1);
    double largest = Math.max(values.amaxNumber().doubleValue(), Double.MIN_NORMAL);
    double smallest = values.minNumber().doubleValue();
    if (Double.isNaN(smallest) || Double.isNaN(largest)) {
      throw new ArithmeticException(what + " has NaN eigenvalues: the features contain NaN or infinity");
    }
    if (smallest < -NEGATIVE_TOLERANCE * largest) {
      throw new ArithmeticException(what + " is not positive semi-definite: eigenvalue " + smallest
          + " against a largest of " + largest);
    }
    INDArray roots = Transforms.sqrt(Transforms.max(values, 0.0, true), false);
    return org.nd4j.common.primitives.Triple.of(roots.sumNumber().doubleValue(), vectors ? work : null, roots);
  }
}
