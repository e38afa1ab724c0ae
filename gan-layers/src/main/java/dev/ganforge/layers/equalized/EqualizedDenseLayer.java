package dev.ganforge.layers.equalized;

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

/**
 * A fully connected layer with an equalized learning rate (Karras et al. 2018): weights stored as
 * N(0, 1 / lrMultiplier^2) and scaled at run time by {@code lrMultiplier * gain / sqrt(fan_in)}, the bias
 * by lrMultiplier. StyleGAN's mapping network uses lrMultiplier 0.01.
 */
public final class EqualizedDenseLayer implements Layer {
  /** He's gain for ReLU-like activations, as in ProGAN and StyleGAN. */
  public static final double DEFAULT_GAIN = Math.sqrt(2);

  private final Config config;

  public EqualizedDenseLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new EqualizedDense(config.units(), config.activation().toDl4j(config.leakySlope()),
        config.bias(), config.lrMultiplier(), config.gain()));
  }

  /** Config of {@code equalized-dense}. */
  public record Config(
      @JsonProperty(required = true) @JsonPropertyDescription("Number of output units.") Integer units,
      @JsonPropertyDescription("Activation applied to the output.") ActivationFunction activation,
      @JsonPropertyDescription("Negative slope, when activation is leaky-relu.") Double leakySlope,
      @JsonPropertyDescription("Whether to add a bias.") Boolean bias,
      @JsonPropertyDescription("Scales the effective learning rate of this layer (StyleGAN's mapping network: "
          + "0.01).") Double lrMultiplier,
      @JsonPropertyDescription("Gain of the run-time scale gain / sqrt(fan_in); sqrt(2) (He) by default.")
          Double gain)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("units", units);
      ConfigChecks.nonNegative("leakySlope", leakySlope);
      ConfigChecks.positive("lrMultiplier", lrMultiplier);
      ConfigChecks.positive("gain", gain);
      activation = activation == null ? ActivationFunction.IDENTITY : activation;
      leakySlope = leakySlope == null ? ActivationFunction.DEFAULT_LEAKY_SLOPE : leakySlope;
      bias = bias == null ? Boolean.TRUE : bias;
      lrMultiplier = lrMultiplier == null ? 1.0 : lrMultiplier;
      gain = gain == null ? DEFAULT_GAIN : gain;
    }
  }

  /** Registers {@code equalized-dense}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "equalized-dense";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new EqualizedDenseLayer(config);
    }

    @Override
    public String description() {
      return "Fully connected layer with equalized learning rate (Karras et al. 2018): N(0,1) weights "
          + "scaled at run time by lrMultiplier * gain / sqrt(fan_in).";
    }
  }
}
