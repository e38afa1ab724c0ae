package dev.ganforge.layers.normalization;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;

/** Pixel-wise feature normalization (ProGAN): each pixel's channel vector scaled to unit root mean square. */
public final class PixelNormLayer implements Layer {
  /** The epsilon of ProGAN's pixel norm, also the mapping network's. */
  public static final double DEFAULT_EPSILON = 1e-8;

  private final Config config;

  public PixelNormLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new PixelNormalization(config.epsilon()));
  }

  /** Config of {@code pixel-norm}. */
  public record Config(
      @JsonPropertyDescription("Added to the mean square before the square root.") Double epsilon)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("epsilon", epsilon);
      epsilon = epsilon == null ? DEFAULT_EPSILON : epsilon;
    }
  }

  /** Registers {@code pixel-norm}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "pixel-norm";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new PixelNormLayer(config);
    }

    @Override
    public String description() {
      return "Pixel-wise feature normalization (Karras et al. 2018): x / sqrt(mean over channels of x^2 + epsilon).";
    }
  }
}
