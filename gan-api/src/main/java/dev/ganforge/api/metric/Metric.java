package dev.ganforge.api.metric;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.PublicApi;
import java.util.Map;

/**
 * Measures the generator: sample quality (FID, KID, IS, precision/recall), mode coverage, or any value
 * computed from generated and real samples.
 */
@PublicApi
public interface Metric {

  /**
   * Evaluates the generator once.
   *
   * @return named values, logged as {@code metric/<name>} (e.g. {@code {"fid": 23.1}} or
   *     {@code {"modes": 25, "high-quality": 0.97}})
   */
  Map<String, Double> evaluate(MetricContext context);

  /**
   * What the last evaluation was measured with, recorded beside its values so that two numbers are only
   * compared when they are comparable: for example {@code extractor} (a name and a hash of its weights),
   * {@code samples} and {@code reference} (which real samples).
   */
  @Experimental
  default Map<String, String> provenance() {
    return Map.of();
  }
}
