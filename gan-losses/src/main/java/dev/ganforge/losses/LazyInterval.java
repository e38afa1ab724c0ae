package dev.ganforge.losses;

import dev.ganforge.api.ConfigChecks;

/** The {@code every} option of the gradient penalties (lazy regularization). */
final class LazyInterval {
  static final String DESCRIPTION =
      "Lazy regularization (Karras et al. 2020): apply the penalty every k discriminator steps with its "
          + "weight multiplied by k; 1 applies it every step.";

  private LazyInterval() {}

  static Integer orDefault(Integer every) {
    ConfigChecks.positive("every", every);
    return every == null ? 1 : every;
  }
}
