package dev.ganforge.losses;

import com.google.auto.service.AutoService;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hinge loss (Lim and Ye 2017; Miyato et al. 2018, SNGAN; Zhang et al. 2019, SAGAN).
 *
 * <p>D minimises {@code E[max(0, 1 - r)] + E[max(0, 1 + f)]}; G minimises {@code -E[f]}. The usual
 * partner of spectral normalization.
 */
public final class HingeLoss implements Loss {

  @Override
  public LossValue discriminatorLoss(Scores scores) {
    INDArray real = scores.requireReal();
    INDArray fake = scores.fake();
    INDArray realMargin = real.rsub(1.0);
    INDArray fakeMargin = fake.add(1.0);
    double value = Transforms.relu(realMargin, true).meanNumber().doubleValue()
        + Transforms.relu(fakeMargin, true).meanNumber().doubleValue();
    // Subgradient 0 at the kink, as max(0, x)' is taken by convention.
    INDArray realGradient = realMargin.gt(0).castTo(real.dataType()).negi().divi(real.length());
    INDArray fakeGradient = fakeMargin.gt(0).castTo(fake.dataType()).divi(fake.length());
    return LossValue.of(value, realGradient, fakeGradient);
  }

  @Override
  public LossValue generatorLoss(Scores scores) {
    return Logistic.negativeMeanFakeScore(scores);
  }

  /** Config of {@code hinge}: no options. */
  public record Config() implements LossConfig {}

  /** Registers {@code hinge}. */
  @AutoService(LossProvider.class)
  public static final class Provider implements LossProvider<Config> {
    @Override
    public String type() {
      return "hinge";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Loss create(Config config, PluginContext context) {
      return new HingeLoss();
    }

    @Override
    public String description() {
      return "Lim & Ye 2017, SNGAN, SAGAN: D max(0, 1 - r) + max(0, 1 + f), G -E[f]. Use with spectral norm.";
    }
  }
}
