package dev.ganforge.layers;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * Average pooling of images over {@code factor x factor} blocks, {@code y[c, i, j] = mean of x[c,
 * factor i + a, factor j + b]}: DL4J's {@code SubsamplingLayer} with average pooling. No parameters. The
 * downsampling that ends each block of progressive growing's discriminator (Karras et al. 2018).
 */
public final class DownsampleLayer implements Layer {
  private final Config config;

  public DownsampleLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    int factor = config.factor();
    network.append(new SubsamplingLayer.Builder(PoolingType.AVG)
        .kernelSize(factor, factor)
        .stride(factor, factor)
        .build());
  }

  /** Config of {@code downsample}. */
  public record Config(
      @JsonPropertyDescription("How many times smaller the image gets, in height and in width.") Integer factor)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("factor", factor);
      factor = factor == null ? 2 : factor;
    }
  }

  /** Registers {@code downsample}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "downsample";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new DownsampleLayer(config);
    }

    @Override
    public String description() {
      return "Average pooling of images by a whole factor (the downsampling in progressive growing's "
          + "discriminator blocks).";
    }
  }
}
