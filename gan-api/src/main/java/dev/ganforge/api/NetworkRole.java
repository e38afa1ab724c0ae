package dev.ganforge.api;

/** Which of the two networks a plugin instance belongs to or acts on. */
@PublicApi
public enum NetworkRole {
  /** Maps latent noise (and optionally labels or styles) to samples. */
  GENERATOR,
  /** Scores samples; called the critic in Wasserstein GANs. */
  DISCRIMINATOR
}
