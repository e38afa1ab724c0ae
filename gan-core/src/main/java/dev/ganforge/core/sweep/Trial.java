package dev.ganforge.core.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganforge.core.config.GanConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of a sweep: the base config with one value for each swept path. Each of the sweep's
 * seeds trains it once.
 *
 * @param name the folder its runs go in ({@code runs/<name>/seed-<seed>}): a hash of the config, so the
 *     same configuration always lands in the same place and a rerun finds it
 * @param params the swept paths and their values here, in the space's order
 * @param config the checked config (with the base config's seed)
 */
public record Trial(String name, Map<String, JsonNode> params, GanConfig config) {
  public Trial {
    requireNonNull(name, "name");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    requireNonNull(config, "config");
  }

  /** The values as text ({@code 0.001}, {@code hinge}, <code>{type: hinge}</code> as JSON). */
  public Map<String, String> paramText() {
    Map<String, String> text = new LinkedHashMap<>();
    params.forEach((path, value) -> text.put(path, value.isValueNode() ? value.asText() : value.toString()));
    return text;
  }
}
