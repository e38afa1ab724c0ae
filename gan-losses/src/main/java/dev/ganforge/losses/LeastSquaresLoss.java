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
 * Least-squares GAN (Mao et al. 2017, equation 2 with the 0-1 coding a = 0, b = 1, c = 1).
 *
 * <p>D minimises {@code 1/2 E[(r - b)^2] + 1/2 E[(f - a)^2]}; G minimises {@code 1/2 E[(f - c)^2]}.
 * Fakes far from the decision boundary are still penalised, which gives G useful gradients.
 */
public final class LeastSquaresLoss implements Loss {
  private final double realLabel;
  private final double fakeLabel;
  private final double generatorTarget;
  private final double flipProbability;

  public LeastSquaresLoss(Config config) {
    this.realLabel = config.realLabel();
    this.fakeLabel = config.fakeLabel();
    this.generatorTarget = config.generatorTarget();
    this.flipProbability = config.flipProbability();
  }

  @Override
  public LossValue discriminatorLoss(Scores scores) {
    INDArray realGradient = scores.requireReal().ulike();
    INDArray fakeGradient = scores.fake().ulike();
    INDArray realTargets = NoisyLabels.targets(
        scores.requireReal(), realLabel, fakeLabel, flipProbability, scores.random());
    INDArray fakeTargets = NoisyLabels.targets(
        scores.fake(), fakeLabel, realLabel, flipProbability, scores.random());
    double value = halfSquaredError(scores.requireReal(), realTargets, realGradient)
        + halfSquaredError(scores.fake(), fakeTargets, fakeGradient);
    return LossValue.of(value, realGradient, fakeGradient);
  }

  @Override
  public LossValue generatorLoss(Scores scores) {
    INDArray fakeGradient = scores.fake().ulike();
    double value = halfSquaredError(
        scores.fake(), scores.fake().ulike().assign(generatorTarget), fakeGradient);
    return LossValue.ofFake(value, fakeGradient);
  }

  /** mean((s - t)^2) / 2 and its derivative (s - t) / n. */
  private static double halfSquaredError(INDArray scores, INDArray targets, INDArray gradientOut) {
    long n = scores.length();
    INDArray residual = scores.sub(targets);
    double value = 0.5 * residual.mul(residual).sumNumber().doubleValue() / n;
    gradientOut.assign(residual.divi(n));
    return value;
  }

  /** Config of {@code lsgan}. */
  public record Config(
      @JsonPropertyDescription("D's target for real scores (b); below 1 smooths labels one-sidedly.")
          Double realLabel,
      @JsonPropertyDescription("D's target for fake scores (a).") Double fakeLabel,
      @JsonPropertyDescription("G's target for fake scores (c).") Double generatorTarget,
      @JsonPropertyDescription(NoisyLabels.DESCRIPTION) Double flipProbability)
      implements LossConfig {
    public Config {
      flipProbability = NoisyLabels.orDefault(flipProbability);
      realLabel = realLabel == null ? 1.0 : realLabel;
      fakeLabel = fakeLabel == null ? 0.0 : fakeLabel;
      generatorTarget = generatorTarget == null ? 1.0 : generatorTarget;
    }
  }

  /** Registers {@code lsgan}. */
  @AutoService(LossProvider.class)
  public static final class Provider implements LossProvider<Config> {
    @Override
    public String type() {
      return "lsgan";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Loss create(Config config, PluginContext context) {
      return new LeastSquaresLoss(config);
    }

    @Override
    public String description() {
      return "Mao et al. 2017: squared error to targets (real 1, fake 0, G 1) instead of cross-entropy.";
    }
  }
}
