package dev.ganforge.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.regularizer.Regularizer;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.regularizer.RegularizerProvider;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Weight clipping (Arjovsky et al. 2017, algorithm 1): after every critic update, clamp every trainable
 * parameter to {@code [-clip, clip]} (BatchNorm's running statistics and other non-trainable state are
 * not weights and stay as they are), a crude way to keep the WGAN critic Lipschitz. The paper's setting: clip
 * 0.01, RMSprop 5e-5, 5 critic steps per generator step.
 */
public final class WeightClipping implements Regularizer {
  private final double clip;

  public WeightClipping(Config config) {
    this.clip = config.clip();
  }

  @Override
  public void afterUpdate(NetworkParameters parameters, long step) {
    for (INDArray weights : parameters.trainable()) {
      // In place (dup = false): each view is part of the network's own parameter buffer.
      Transforms.max(Transforms.min(weights, clip, false), -clip, false);
    }
  }

  /** Config of {@code weight-clipping}. */
  public record Config(
      @JsonPropertyDescription("Every discriminator parameter is clamped to [-clip, clip].") Double clip)
      implements RegularizerConfig {
    public Config {
      ConfigChecks.positive("clip", clip);
      clip = clip == null ? 0.01 : clip;
    }
  }

  /** Registers {@code weight-clipping}. */
  @AutoService(RegularizerProvider.class)
  public static final class Provider implements RegularizerProvider<Config> {
    @Override
    public String type() {
      return "weight-clipping";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Regularizer create(Config config, PluginContext context) {
      return new WeightClipping(config);
    }

    @Override
    public String description() {
      return "Arjovsky et al. 2017: clamp critic parameters to [-clip, clip] after each update (WGAN).";
    }
  }
}
