package dev.ganforge.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which of the two networks a plugin instance belongs to or acts on. */
@PublicApi
public enum NetworkRole {
  /** Maps latent noise (and optionally labels or styles) to samples. */
  @JsonProperty("generator")
  GENERATOR,
  /** Scores samples; called the critic in Wasserstein GANs. */
  @JsonProperty("discriminator")
  DISCRIMINATOR
}
