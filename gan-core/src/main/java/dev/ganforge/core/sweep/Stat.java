package dev.ganforge.core.sweep;

import java.util.List;
import java.util.Locale;

/**
 * Mean and sample standard deviation over seeds (0 for a single run; NaN mean for none).
 *
 * @param mean the mean
 * @param stddev the sample standard deviation (n - 1 in the denominator)
 * @param count how many values
 */
public record Stat(double mean, double stddev, int count) {
  /** The statistics of {@code values}. */
  public static Stat of(List<Double> values) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return new Stat(mean, values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0, values.size());
  }

  /** {@code mean ± stddev}, each formatted with {@code pattern} after multiplying by {@code scale}. */
  public String format(String pattern, double scale) {
    return String.format(Locale.ROOT, pattern + " ± " + pattern, mean * scale, stddev * scale);
  }
}
