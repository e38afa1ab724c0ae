package dev.ganforge.api.metric;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ganforge.api.PluginConfig;
import dev.ganforge.api.PublicApi;

/**
 * The config of one entry in a run's {@code metrics} list, e.g. {@code {type: fid, every: 2000,
 * samples: 10000}}. Records declare {@code Integer every} and {@code Integer samples} components to let
 * users change the defaults below.
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface MetricConfig extends PluginConfig {

  /** Evaluate every this many training steps; 0 evaluates only on demand ({@code gan eval}). */
  default Integer every() {
    return 0;
  }

  /** How many generated samples one evaluation draws. */
  default Integer samples() {
    return 10_000;
  }
}
