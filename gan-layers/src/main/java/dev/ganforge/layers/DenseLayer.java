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
import dev.ganforge.layers.dense.Dense;

/** A fully connected layer, {@code activation(x W + b)}: DL4J's {@code DenseLayer} ({@link Dense}). */
public final class DenseLayer implements Layer {
  private final Config config;

  public DenseLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new Dense(config.units(), config.activation().toDl4j(config.leakySlope()),
        config.weightInit().toDl4j(), config.bias()));
  }

  /** Config of {@code dense}. */
  public record Config(
      @JsonProperty(required = true) @JsonPropertyDescription("Number of output units.") Integer units,
      @JsonPropertyDescription("Activation applied to the output.") ActivationFunction activation,
      @JsonPropertyDescription("Negative slope, when activation is leaky-relu.") Double leakySlope,
      @JsonPropertyDescription("Weight initialisation.") WeightInitialization weightInit,
      @JsonPropertyDescription("Whether to add a bias.") Boolean bias)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("units", units);
      ConfigChecks.nonNegative("leakySlope", leakySlope);
      activation = activation == null ? ActivationFunction.IDENTITY : activation;
      leakySlope = leakySlope == null ? ActivationFunction.DEFAULT_LEAKY_SLOPE : leakySlope;
      weightInit = weightInit == null ? WeightInitialization.XAVIER : weightInit;
      bias = bias == null ? Boolean.TRUE : bias;
    }
  }

  /** Registers {@code dense}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "dense";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new DenseLayer(config);
    }

    @Override
    public String description() {
      return "Fully connected layer, activation(xW + b).";
    }
  }
}
