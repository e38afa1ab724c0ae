package dev.ganforge.core.sweep;

import static java.util.Objects.requireNonNull;

/**
 * One (configuration, seed) of a sweep or comparison: one run, trained and evaluated by one task.
 *
 * @param configuration the configuration's name, the folder its seeds' runs share
 * @param seed the run's seed (already in {@code configYaml})
 * @param configYaml the run's complete config
 * @param metricsYaml the metrics evaluated on the finished run, a YAML list of metric configs
 */
public record SweepTask(String configuration, long seed, String configYaml, String metricsYaml) {
  public SweepTask {
    requireNonNull(configuration, "configuration");
    requireNonNull(configYaml, "configYaml");
    requireNonNull(metricsYaml, "metricsYaml");
  }

  /** The run's folder under the destination: {@code runs/<configuration>/seed-<seed>}. */
  public String runPath() {
    return "runs/" + configuration + "/seed-" + seed;
  }
}
