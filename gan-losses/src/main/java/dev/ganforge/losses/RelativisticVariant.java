package dev.ganforge.losses;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The function applied to a score difference {@code d} ("how much more realistic than the other side")
 * in the relativistic losses of Jolicoeur-Martineau 2018: both networks minimise {@code mean f(d)}.
 */
public enum RelativisticVariant {
  /** {@code f(d) = softplus(-d) = -log sigmoid(d)}: RSGAN / RaSGAN. */
  @JsonProperty("standard")
  STANDARD {
    @Override
    double value(double d) {
      return d > 0 ? Math.log1p(Math.exp(-d)) : -d + Math.log1p(Math.exp(d));
    }

    @Override
    double derivative(double d) {
      return -1 / (1 + Math.exp(d)); // -sigmoid(-d)
    }
  },
  /** {@code f(d) = (d - 1)^2}: RaLSGAN. */
  @JsonProperty("least-squares")
  LEAST_SQUARES {
    @Override
    double value(double d) {
      return (d - 1) * (d - 1);
    }

    @Override
    double derivative(double d) {
      return 2 * (d - 1);
    }
  },
  /** {@code f(d) = max(0, 1 - d)}: RaHingeGAN. */
  @JsonProperty("hinge")
  HINGE {
    @Override
    double value(double d) {
      return Math.max(0, 1 - d);
    }

    @Override
    double derivative(double d) {
      return d < 1 ? -1 : 0;
    }
  };

  abstract double value(double d);

  abstract double derivative(double d);
}
