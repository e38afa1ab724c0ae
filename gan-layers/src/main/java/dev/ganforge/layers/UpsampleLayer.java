package dev.ganforge.layers;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;

/**
 * Nearest-neighbour upsampling of images: each pixel becomes a {@code factor x factor} block of copies,
 * {@code y[c, i, j] = x[c, i / factor, j / factor]}: DL4J's {@code Upsampling2D}. No parameters. Followed
 * by a {@code conv2d} it is the resize-convolution that avoids the checkerboard artifacts of transposed
 * convolutions (Odena et al. 2016).
 */
public final class UpsampleLayer implements Layer {
  private final Config config;

  public UpsampleLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new Upsampling2D.Builder().size(config.factor()).build());
  }

  /** Config of {@code upsample}. */
  public record Config(
      @JsonPropertyDescription("How many times larger the image gets, in height and in width.") Integer factor)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("factor", factor);
      factor = factor == null ? 2 : factor;
    }
  }

  /** Registers {@code upsample}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "upsample";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new UpsampleLayer(config);
    }

    @Override
    public String description() {
      return "Nearest-neighbour upsampling of images by a whole factor; before a conv2d it avoids "
          + "checkerboard artifacts (Odena et al. 2016).";
    }
  }
}
