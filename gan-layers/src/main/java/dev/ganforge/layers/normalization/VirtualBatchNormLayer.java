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
 * Virtual batch normalization (Salimans et al. 2016), for G and D, as in the authors' released code: each
 * sample is normalized with the statistics of a fixed reference batch combined with its own (weight
 * {@code 1 / (referenceSize + 1)}), so its output does not depend on the other samples in its batch. The
 * engine passes the reference batch through the network beside every batch, so the reference statistics
 * come from the current weights at every pass (every D step of an n-critic or look-ahead schedule) and
 * gradients flow through them, at the price of the reference batch's forward and backward passes.
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
          + "for D), passed through the network beside every batch; a network's layers must agree.")
          Integer referenceSize,
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
          + "statistics of a fixed reference batch and the sample itself; samples do not affect each other.";
    }
  }
}
