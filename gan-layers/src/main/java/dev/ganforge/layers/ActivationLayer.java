package dev.ganforge.layers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;

/** An element-wise activation on its own, e.g. after a batch-norm layer: DL4J's {@code ActivationLayer}. */
public final class ActivationLayer implements Layer {
  private final Config config;

  public ActivationLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(
        new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
            .activation(config.function().toDl4j(config.leakySlope(), config.gain()))
            .build());
  }

  /** Config of {@code activation}. */
  public record Config(
      @JsonProperty(required = true) @JsonPropertyDescription("The activation function.")
          ActivationFunction function,
      @JsonPropertyDescription("Negative slope, when function is leaky-relu.") Double leakySlope,
      @JsonPropertyDescription("Multiplies the output (StyleGAN2 uses sqrt(2) after leaky-relu); default 1.")
          Double gain)
      implements LayerConfig {
    public Config {
      ConfigChecks.nonNegative("leakySlope", leakySlope);
      ConfigChecks.positive("gain", gain);
      gain = gain == null ? 1.0 : gain;
      leakySlope = leakySlope == null ? ActivationFunction.DEFAULT_LEAKY_SLOPE : leakySlope;
    }
  }

  /** Registers {@code activation}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "activation";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new ActivationLayer(config);
    }

    @Override
    public String description() {
      return "Element-wise activation: relu, leaky-relu, tanh, sigmoid, identity, softplus, swish.";
    }
  }
}
