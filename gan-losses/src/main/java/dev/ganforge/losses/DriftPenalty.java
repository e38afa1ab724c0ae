package dev.ganforge.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.regularizer.Critic;
import dev.ganforge.api.regularizer.Penalty;
import dev.ganforge.api.regularizer.RegularizationStep;
import dev.ganforge.api.regularizer.Regularizer;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.regularizer.RegularizerProvider;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The drift penalty of progressive growing (Karras et al. 2018, their "epsilon penalty"):
 * {@code epsilon * E[D(x)^2]} on real samples, which keeps a Wasserstein critic's scores from drifting
 * far from zero. Its gradient is first order: the critic's parameter gradient with weights
 * {@code 2 epsilon D(x_i) / n}.
 */
public final class DriftPenalty implements Regularizer {
  private final Config config;

  public DriftPenalty(Config config) {
    this.config = config;
  }

  @Override
  public Penalty penalty(RegularizationStep step) {
    Critic critic = step.critic();
    INDArray real = step.realBatch();
    INDArray scores = critic.scores(real);
    long n = scores.size(0);
    // Column 0 is the adversarial score; an auxiliary classifier's logits follow it.
    INDArray adversarial = scores.getColumn(0, true);
    double value = config.epsilon() * adversarial.mul(adversarial).sumNumber().doubleValue() / n;
    INDArray weights = scores.like().assign(0);
    weights.putColumn(0, adversarial.mul(2 * config.epsilon() / n));
    return Penalty.of(value, critic.gradients(real, weights).parameterGradient());
  }

  /** Config of {@code drift}. */
  public record Config(
      @JsonPropertyDescription("Weight epsilon of epsilon * E[D(real)^2]; 0.001 in Karras et al. 2018.")
      Double epsilon,
      @JsonPropertyDescription(LazyInterval.DESCRIPTION) Integer every) implements RegularizerConfig {
    public Config {
      ConfigChecks.nonNegative("epsilon", epsilon);
      epsilon = epsilon == null ? 0.001 : epsilon;
      every = LazyInterval.orDefault(every);
    }
  }

  /** Registers {@code drift}. */
  @AutoService(RegularizerProvider.class)
  public static final class Provider implements RegularizerProvider<Config> {
    @Override
    public String type() {
      return "drift";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Regularizer create(Config config, PluginContext context) {
      return new DriftPenalty(config);
    }

    @Override
    public String description() {
      return "Karras et al. 2018: epsilon * E[D(real)^2], keeps a Wasserstein critic's scores near zero.";
    }
  }
}
