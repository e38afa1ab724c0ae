package dev.ganforge.losses;

import com.google.auto.service.AutoService;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Wasserstein GAN loss (Arjovsky et al. 2017, algorithm 1).
 *
 * <p>The critic minimises {@code E[f] - E[r]}, estimating the Earth-Mover distance when it is
 * 1-Lipschitz; G minimises {@code -E[f]}. Needs a Lipschitz constraint: {@code weight-clipping} with
 * RMSprop 5e-5 and 5 critic steps (the paper's setting) or a gradient penalty (WGAN-GP).
 */
public final class WassersteinLoss implements Loss {

  @Override
  public LossValue discriminatorLoss(Scores scores) {
    INDArray real = scores.requireReal();
    INDArray fake = scores.fake();
    double value = fake.meanNumber().doubleValue() - real.meanNumber().doubleValue();
    INDArray realGradient = real.ulike().assign(-1.0 / real.length());
    INDArray fakeGradient = fake.ulike().assign(1.0 / fake.length());
    return LossValue.of(value, realGradient, fakeGradient);
  }

  @Override
  public LossValue generatorLoss(Scores scores) {
    return Logistic.negativeMeanFakeScore(scores);
  }

  /** Config of {@code wasserstein}: no options. */
  public record Config() implements LossConfig {}

  /** Registers {@code wasserstein}. */
  @AutoService(LossProvider.class)
  public static final class Provider implements LossProvider<Config> {
    @Override
    public String type() {
      return "wasserstein";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Loss create(Config config, PluginContext context) {
      return new WassersteinLoss();
    }

    @Override
    public String description() {
      return "Arjovsky et al. 2017: critic E[D(fake)] - E[D(real)], G -E[D(fake)]. Pair with clipping or a penalty.";
    }
  }
}
