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
 * The non-saturating GAN loss (Goodfellow et al. 2014, section 3), the usual default.
 *
 * <p>D minimises the sigmoid cross-entropy {@code -E[log sigmoid(r)] - E[log(1 - sigmoid(f))]}; G
 * minimises {@code -E[log sigmoid(f)]}, whose gradient stays large while D rejects the fakes (the
 * minimax generator loss saturates there).
 */
public final class NonSaturatingLoss implements Loss {
  private final double realLabel;
  private final double flipProbability;

  public NonSaturatingLoss(Config config) {
    this.realLabel = config.realLabel();
    this.flipProbability = config.flipProbability();
  }

  @Override
  public LossValue discriminatorLoss(Scores scores) {
    return Logistic.discriminatorCrossEntropy(scores, realLabel, flipProbability);
  }

  @Override
  public LossValue generatorLoss(Scores scores) {
    INDArray fakeGradient = scores.fake().ulike();
    double value = Logistic.crossEntropy(scores.fake(), 1.0, fakeGradient);
    return LossValue.ofFake(value, fakeGradient);
  }

  /** Config of {@code non-saturating}. */
  public record Config(
      @JsonPropertyDescription(RealLabel.DESCRIPTION) Double realLabel,
      @JsonPropertyDescription(NoisyLabels.DESCRIPTION) Double flipProbability) implements LossConfig {
    public Config {
      realLabel = RealLabel.orDefault(realLabel);
      flipProbability = NoisyLabels.orDefault(flipProbability);
    }
  }

  /** Registers {@code non-saturating}. */
  @AutoService(LossProvider.class)
  public static final class Provider implements LossProvider<Config> {
    @Override
    public String type() {
      return "non-saturating";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Loss create(Config config, PluginContext context) {
      return new NonSaturatingLoss(config);
    }

    @Override
    public String description() {
      return "Goodfellow et al. 2014: sigmoid cross-entropy for D, -log D(G(z)) for G. The usual default.";
    }
  }
}
