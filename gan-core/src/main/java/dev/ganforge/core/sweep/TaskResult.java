package dev.ganforge.core.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one task left: the run's metric values, its training time, and why it failed when it did (a
 * diverged run is a result, not an error: the table counts it).
 *
 * @param configuration the configuration's name
 * @param seed the run's seed
 * @param metrics the metric values by name ({@code fid}, {@code modes}, ...); empty when the run failed
 * @param trainSeconds training time over all of the run's attempts
 * @param failure why the run has no values ({@code diverged at step 812}), or null
 * @param reused whether an earlier sweep had already published this run
 */
public record TaskResult(String configuration, long seed, Map<String, Double> metrics, double trainSeconds,
    String failure, boolean reused) {
  /** The file a finished run holds its result in, written last, before the run is published. */
  public static final String FILE = "sweep-result.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  public TaskResult {
    requireNonNull(configuration, "configuration");
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** The result as {@link #FILE} holds it. */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("configuration", configuration);
    json.put("seed", seed);
    json.put("metrics", metrics);
    json.put("trainSeconds", trainSeconds);
    json.put("failure", failure);
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads {@link #FILE}'s text; {@code reused} marks a run published by an earlier sweep. */
  public static TaskResult fromJson(String text, boolean reused) {
    try {
      JsonNode json = JSON.readTree(text);
      Map<String, Double> metrics = new LinkedHashMap<>();
      json.get("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
      JsonNode failure = json.get("failure");
      return new TaskResult(json.get("configuration").asText(), json.get("seed").asLong(), metrics,
          json.get("trainSeconds").asDouble(), failure == null || failure.isNull() ? null : failure.asText(), reused);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a sweep result (" + e.getMessage() + "): " + text, e);
    }
  }
}
