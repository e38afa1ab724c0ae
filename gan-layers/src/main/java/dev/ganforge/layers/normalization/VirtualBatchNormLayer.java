package dev.ganforge.layers.normalization;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;

/**
 * Virtual batch normalization (Salimans et al. 2016), for G and D: normalizes like batch norm but with the
 * statistics of a fixed reference batch, recorded by the engine at the start of every step with the
 * current weights, so each sample's output is independent of the other samples in its batch. Unlike
 * the paper, no gradient flows through the reference statistics (they act as constants within a step,
 * as batch norm's do at inference), which saves the reference batch's backward pass.
 */
public final class VirtualBatchNormLayer implements Layer {
  private final Config config;

  public VirtualBatchNormLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new VirtualBatchNormalization(config.referenceSize(), config.epsilon()));
  }

  /** Config of {@code virtual-batch-norm}. */
  public record Config(
      @JsonPropertyDescription("Samples in the reference batch (fixed latent codes for G, fixed real samples "
          + "for D); the network uses the largest any of its layers asks.") Integer referenceSize,
      @JsonPropertyDescription("Added to the variance before the square root.") Double epsilon)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("referenceSize", referenceSize);
      ConfigChecks.positive("epsilon", epsilon);
      referenceSize = referenceSize == null ? 64 : referenceSize;
      epsilon = epsilon == null ? 1e-5 : epsilon;
    }
  }

  /** Registers {@code virtual-batch-norm}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "virtual-batch-norm";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new VirtualBatchNormLayer(config);
    }

    @Override
    public String description() {
      return "Virtual batch norm (Salimans et al. 2016): gamma (x - mean) / sqrt(var + eps) + beta with the "
          + "statistics of a fixed reference batch, recorded each step; samples do not affect each other.";
    }
  }
}
