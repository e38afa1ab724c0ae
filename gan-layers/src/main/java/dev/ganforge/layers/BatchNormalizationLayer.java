package dev.ganforge.layers;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/**
 * Batch normalization (Ioffe and Szegedy 2015): {@code gamma (x - mean) / sqrt(var + epsilon) + beta},
 * per channel for images and per unit for vectors, with the batch's mean and variance in training and
 * running averages ({@code running = decay running + (1 - decay) batch}) at inference: DL4J's
 * {@code BatchNormalization}. DCGAN (Radford et al. 2016) puts it after every generator block but the
 * last and every discriminator block but the first. Do not use it in a critic with a gradient penalty:
 * the penalty is per sample and batch statistics mix the samples (Gulrajani et al. 2017).
 */
public final class BatchNormalizationLayer implements Layer {
  private final Config config;

  public BatchNormalizationLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(
        new BatchNormalization.Builder()
            .decay(config.decay())
            .eps(config.epsilon())
            .build());
  }

  /** Config of {@code batch-norm}. */
  public record Config(
      @JsonPropertyDescription("Weight of the old value in the running mean and variance used at inference.")
          Double decay,
      @JsonPropertyDescription("Added to the variance before the square root.") Double epsilon)
      implements LayerConfig {
    public Config {
      ConfigChecks.inRange("decay", decay, 0, 1);
      ConfigChecks.positive("epsilon", epsilon);
      decay = decay == null ? 0.9 : decay;
      epsilon = epsilon == null ? 1e-5 : epsilon;
    }
  }

  /** Registers {@code batch-norm}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "batch-norm";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new BatchNormalizationLayer(config);
    }

    @Override
    public String description() {
      return "Batch normalization (Ioffe and Szegedy 2015), per channel for images: batch statistics in "
          + "training, running averages at inference.";
    }
  }
}
