package dev.ganforge.core.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;

/** The generator's input noise z. */
public record LatentConfig(
    @JsonPropertyDescription("Dimension of z.") Integer size,
    @JsonPropertyDescription("Distribution of each coordinate of z.") LatentDistribution distribution) {

  public LatentConfig {
    ConfigChecks.positive("size", size);
    size = size == null ? 100 : size;
    distribution = distribution == null ? LatentDistribution.NORMAL : distribution;
  }
}
