package com.example.ganplugin;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An example third-party loss: the least-absolute-deviation analogue of LSGAN. D minimises
 * {@code E|r - realTarget| + E|f|}; G minimises {@code E|f - realTarget|}.
 *
 * <p>Everything a plugin needs is here: the loss, its config record (the {@code type} key is not a
 * component; absent options get defaults in the compact constructor), and the provider registered with
 * {@code @AutoService}, whose {@code type()} is the name configs use.
 */
public final class LeastAbsoluteLoss implements Loss {
  private final double realTarget;

  LeastAbsoluteLoss(double realTarget) {
    this.realTarget = realTarget;
  }

  @Override
  public LossValue discriminatorLoss(Scores scores) {
    INDArray real = scores.requireReal().sub(realTarget);
    INDArray fake = scores.fake();
    double value = meanAbsolute(real) + meanAbsolute(fake);
    return LossValue.of(value, signOverN(real), signOverN(fake));
  }

  @Override
  public LossValue generatorLoss(Scores scores) {
    INDArray fake = scores.fake().sub(realTarget);
    return LossValue.ofFake(meanAbsolute(fake), signOverN(fake));
  }

  private static double meanAbsolute(INDArray x) {
    return Transforms.abs(x, true).meanNumber().doubleValue();
  }

  private static INDArray signOverN(INDArray x) {
    return Transforms.sign(x, true).divi(x.length());
  }

  /** The config: {@code {type: least-absolute, realTarget: 1.0}}. */
  public record Config(
      @JsonPropertyDescription("The score D aims for on real data and G on fakes.") Double realTarget)
      implements LossConfig {
    public Config {
      ConfigChecks.positive("realTarget", realTarget);
      realTarget = realTarget == null ? 1.0 : realTarget;
    }
  }

  /** The one class GANForge discovers, through {@code META-INF/services} written by AutoService. */
  @AutoService(LossProvider.class)
  public static final class Provider implements LossProvider<Config> {
    @Override
    public String type() {
      return "least-absolute";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Loss create(Config config, PluginContext context) {
      return new LeastAbsoluteLoss(config.realTarget());
    }

    @Override
    public String description() {
      return "Example plugin: L1 analogue of LSGAN.";
    }
  }
}
