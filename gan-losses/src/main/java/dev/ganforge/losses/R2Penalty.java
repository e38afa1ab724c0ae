package dev.ganforge.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.regularizer.Penalty;
import dev.ganforge.api.regularizer.RegularizationStep;
import dev.ganforge.api.regularizer.Regularizer;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.regularizer.RegularizerProvider;

/**
 * R2: {@code gamma / 2 * E[|grad D(x)|^2]} on generated data, the counterpart of R1 (Mescheder et al. 2018). Norms per sample.
 */
public final class R2Penalty implements Regularizer {
  private final Config config;

  public R2Penalty(Config config) {
    this.config = config;
  }

  @Override
  public Penalty penalty(RegularizationStep step) {
    return InputGradientPenalty.at(
        step, step.fakeBatch(), InputGradientPenalty.HALF_SQUARED_NORM, config.gamma());
  }

  /** Config of {@code r2}. */
  public record Config(
      @JsonPropertyDescription("Weight gamma of gamma/2 * E[|grad D|^2]; StyleGAN2 uses 10 for faces, "
          + "small data and 2-D mixtures want far less (0.1 to 1).") Double gamma,
      @JsonPropertyDescription(LazyInterval.DESCRIPTION) Integer every) implements RegularizerConfig {
    public Config {
      ConfigChecks.nonNegative("gamma", gamma);
      gamma = gamma == null ? 10.0 : gamma;
      every = LazyInterval.orDefault(every);
    }
  }

  /** Registers {@code r2}. */
  @AutoService(RegularizerProvider.class)
  public static final class Provider implements RegularizerProvider<Config> {
    @Override
    public String type() {
      return "r2";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Regularizer create(Config config, PluginContext context) {
      return new R2Penalty(config);
    }

    @Override
    public String description() {
      return "Mescheder et al. 2018: gamma/2 * E[|grad D|^2] on fake samples, norms per sample.";
    }
  }
}
