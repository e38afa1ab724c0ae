package dev.ganforge.losses;

import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.RandomSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Noisy labels (Salimans et al. 2016; "ganhacks"): each of D's targets is swapped for the other side's
 * with probability {@code flipProbability}, drawn afresh every step from the run's random source.
 */
final class NoisyLabels {
  static final String DESCRIPTION =
      "Probability of swapping each of D's targets for the other side's (noisy labels); 0 switches it off, "
          + "0.05 is typical.";

  private NoisyLabels() {}

  static double orDefault(Double flipProbability) {
    ConfigChecks.inRange("flipProbability", flipProbability, 0, 1);
    return flipProbability == null ? 0.0 : flipProbability;
  }

  /**
   * Per-score targets shaped like {@code scores}: {@code label}, or {@code otherLabel} where a uniform
   * draw falls below {@code flipProbability}.
   */
  static INDArray targets(INDArray scores, double label, double otherLabel, double flipProbability,
      RandomSource random) {
    INDArray targets = scores.ulike().castTo(DataType.DOUBLE).assign(label);
    if (flipProbability > 0) {
      INDArray draws = random.uniform(DataType.DOUBLE, 0, 1, scores.shape());
      for (long i = 0; i < draws.length(); i++) {
        if (draws.getDouble(i) < flipProbability) {
          targets.putScalar(i, otherLabel);
        }
      }
    }
    return targets.castTo(scores.dataType());
  }
}
