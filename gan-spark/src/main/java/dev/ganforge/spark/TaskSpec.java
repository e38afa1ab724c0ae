package dev.ganforge.spark;

import java.io.Serializable;

/**
 * One task as it travels to an executor: plain strings, so the executor needs no GANForge classes.
 *
 * @param configuration the configuration's name
 * @param seed the run's seed
 * @param configYaml the run's config
 * @param metricsYaml the metrics to evaluate, a YAML list
 * @param runPath the run's folder under the destination
 */
record TaskSpec(String configuration, long seed, String configYaml, String metricsYaml, String runPath)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
