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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * WGAN-GP (Gulrajani et al. 2017, algorithm 1): {@code weight * E[(|grad D(x_hat)| - target)^2]} on
 * interpolates {@code x_hat = e x_real + (1 - e) x_fake}, one {@code e ~ U[0, 1]} per sample, and the
 * norm taken per sample. Pairs with the {@code wasserstein} loss and a critic without batch norm.
 */
public final class GradientPenalty implements Regularizer {
  private final Config config;

  public GradientPenalty(Config config) {
    this.config = config;
  }

  @Override
  public Penalty penalty(RegularizationStep step) {
    INDArray real = step.realBatch().castTo(DataType.DOUBLE);
    INDArray fake = step.fakeBatch().castTo(DataType.DOUBLE);
    long n = real.size(0);
    INDArray mix = step.random().uniform(DataType.DOUBLE, 0, 1, n, 1);
    INDArray realFlat = real.reshape('c', n, real.length() / n);
    INDArray fakeFlat = fake.reshape('c', n, fake.length() / n);
    // x_hat = fake + e (real - fake), e broadcast along each sample
    INDArray interpolates = fakeFlat.add(realFlat.sub(fakeFlat).muliColumnVector(mix)).reshape('c', real.shape());
    return InputGradientPenalty.at(
        step, interpolates, InputGradientPenalty.distanceFrom(config.target()), config.weight());
  }

  /** Config of {@code gradient-penalty}. */
  public record Config(
      @JsonPropertyDescription("Penalty weight lambda; the paper uses 10.") Double weight,
      @JsonPropertyDescription("Target gradient norm; 1 makes the critic 1-Lipschitz along interpolates.")
          Double target,
      @JsonPropertyDescription(LazyInterval.DESCRIPTION) Integer every) implements RegularizerConfig {
    public Config {
      ConfigChecks.nonNegative("weight", weight);
      ConfigChecks.nonNegative("target", target);
      weight = weight == null ? 10.0 : weight;
      target = target == null ? 1.0 : target;
      every = LazyInterval.orDefault(every);
    }
  }

  /** Registers {@code gradient-penalty}. */
  @AutoService(RegularizerProvider.class)
  public static final class Provider implements RegularizerProvider<Config> {
    @Override
    public String type() {
      return "gradient-penalty";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Regularizer create(Config config, PluginContext context) {
      return new GradientPenalty(config);
    }

    @Override
    public String description() {
      return "Gulrajani et al. 2017 (WGAN-GP): weight * E[(|grad D| - 1)^2] on real/fake interpolates, "
          + "norms per sample.";
    }
  }
}
