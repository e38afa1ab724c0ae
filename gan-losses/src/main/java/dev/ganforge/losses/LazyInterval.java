package dev.ganforge.losses;

import dev.ganforge.api.ConfigChecks;

/** The {@code every} option of the gradient penalties (lazy regularization). */
final class LazyInterval {
  static final String DESCRIPTION =
      "Lazy regularization (Karras et al. 2020): apply the penalty every k steps with its weight multiplied "
          + "by k, and (as StyleGAN2 does) run the network's optimizer at k/(k+1) of its learning rate with "
          + "Adam's betas raised to k/(k+1); 1 applies it every step.";

  private LazyInterval() {}

  static Integer orDefault(Integer every) {
    ConfigChecks.positive("every", every);
    return every == null ? 1 : every;
  }
}
