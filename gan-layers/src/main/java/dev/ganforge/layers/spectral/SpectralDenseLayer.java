package dev.ganforge.layers.spectral;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import dev.ganforge.layers.ActivationFunction;
import dev.ganforge.layers.WeightInitialization;

/**
 * A fully connected layer with spectral normalization (Miyato et al. 2018): {@code activation(x W /
 * sigma(W) + b)}, sigma the largest singular value of W, estimated by one power iteration per
 * training-mode forward pass. Keeps each layer 1-Lipschitz, which bounds the discriminator's gradients.
 */
public final class SpectralDenseLayer implements Layer {
  private final Config config;

  public SpectralDenseLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new SpectralDense(config.units(), config.activation().toDl4j(config.leakySlope()),
        config.weightInit().toDl4j(), config.bias()));
  }

  /** Config of {@code spectral-dense}. */
  public record Config(
      @JsonProperty(required = true) @JsonPropertyDescription("Number of output units.") Integer units,
      @JsonPropertyDescription("Activation applied to the output.") ActivationFunction activation,
      @JsonPropertyDescription("Negative slope, when activation is leaky-relu.") Double leakySlope,
      @JsonPropertyDescription("Weight initialisation (the weights are divided by their spectral norm).")
          WeightInitialization weightInit,
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

  /** Registers {@code spectral-dense}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "spectral-dense";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new SpectralDenseLayer(config);
    }

    @Override
    public String description() {
      return "Fully connected layer with spectral normalization (Miyato et al. 2018): activation(x W / "
          + "sigma(W) + b), sigma by one power iteration per training step; its vector u is saved in checkpoints.";
    }
  }
}
