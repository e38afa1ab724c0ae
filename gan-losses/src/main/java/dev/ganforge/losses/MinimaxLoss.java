package dev.ganforge.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The original minimax GAN loss (Goodfellow et al. 2014, equation 1).
 *
 * <p>D minimises the sigmoid cross-entropy {@code -E[log sigmoid(r)] - E[log(1 - sigmoid(f))]}; G
 * minimises {@code E[log(1 - sigmoid(f))]}, the exact negative of D's fake term. Its gradient vanishes
 * when D confidently rejects fakes, which is why {@link NonSaturatingLoss} is preferred in practice.
 */
public final class MinimaxLoss implements Loss {
  private final double realLabel;
  private final double flipProbability;

  public MinimaxLoss(Config config) {
    this.realLabel = config.realLabel();
    this.flipProbability = config.flipProbability();
  }

  @Override
  public LossValue discriminatorLoss(Scores scores) {
    return Logistic.discriminatorCrossEntropy(scores, realLabel, flipProbability);
  }

  @Override
  public LossValue generatorLoss(Scores scores) {
    // log(1 - sigmoid(f)) = -softplus(f); its derivative is -sigmoid(f).
    INDArray fake = scores.fake();
    long n = fake.length();
    double value = -Logistic.softplus(fake).sumNumber().doubleValue() / n;
    INDArray fakeGradient = Logistic.sigmoid(fake).negi().divi(n);
    return LossValue.ofFake(value, fakeGradient);
  }

  /** Config of {@code minimax}. */
  public record Config(
      @JsonPropertyDescription(RealLabel.DESCRIPTION) Double realLabel,
      @JsonPropertyDescription(NoisyLabels.DESCRIPTION) Double flipProbability) implements LossConfig {
    public Config {
      realLabel = RealLabel.orDefault(realLabel);
      flipProbability = NoisyLabels.orDefault(flipProbability);
    }
  }

  /** Registers {@code minimax}. */
  @AutoService(LossProvider.class)
  public static final class Provider implements LossProvider<Config> {
    @Override
    public String type() {
      return "minimax";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Loss create(Config config, PluginContext context) {
      return new MinimaxLoss(config);
    }

    @Override
    public String description() {
      return "Goodfellow et al. 2014, eq. 1: G minimises log(1 - D(G(z))). Saturates early; for comparison.";
    }
  }
}
