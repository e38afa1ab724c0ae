package dev.ganforge.losses;

import dev.ganforge.api.ConfigChecks;

/** The one-sided label smoothing option shared by the cross-entropy losses. */
final class RealLabel {
  static final String DESCRIPTION =
      "Target for real samples in the discriminator loss; 0.9 is one-sided label smoothing "
          + "(Salimans et al. 2016). Fakes keep target 0.";

  private RealLabel() {}

  static double orDefault(Double realLabel) {
    ConfigChecks.inRange("realLabel", realLabel, 0, 1);
    return realLabel == null ? 1.0 : realLabel;
  }
}
