package dev.ganforge.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How latent noise is drawn. */
public enum LatentDistribution {
  /** Standard normal, N(0, 1) per coordinate. */
  @JsonProperty("normal")
  NORMAL,
  /** Uniform on [-1, 1) per coordinate. */
  @JsonProperty("uniform")
  UNIFORM
}
