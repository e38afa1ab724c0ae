package dev.ganforge.layers.style;

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
 * A fully connected layer whose weights the style w of the mapping network before it modulates per
 * sample, with optional demodulation (StyleGAN2, Karras et al. 2020). The math is in {@link Modulated}.
 */
public final class ModulatedDenseLayer implements Layer {
  private final Config config;

  public ModulatedDenseLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    StyleInput style = StyleInput.find(network, "modulated-dense");
    network.append(new Modulated(config.units(), 0, config.demodulate(),
        config.activation().toDl4j(config.leakySlope(), config.gain()), style.index(), style.size()));
  }

  /** Config of {@code modulated-dense}. */
  public record Config(
      @JsonProperty(required = true) @JsonPropertyDescription("Number of output units.") Integer units,
      @JsonPropertyDescription("Whether to demodulate: divide each output unit's modulated weights by their "
          + "norm, so unit-variance inputs give unit-variance outputs.") Boolean demodulate,
      @JsonPropertyDescription("Activation applied to the output.") ActivationFunction activation,
      @JsonPropertyDescription("Negative slope, when activation is leaky-relu.") Double leakySlope,
      @JsonPropertyDescription("Multiplies the activation's output; default StyleGAN2's: sqrt(2) after relu "
          + "or leaky-relu, 1 otherwise.") Double gain)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("units", units);
      ConfigChecks.nonNegative("leakySlope", leakySlope);
      demodulate = demodulate == null ? Boolean.TRUE : demodulate;
      activation = activation == null ? ActivationFunction.IDENTITY : activation;
      leakySlope = leakySlope == null ? ActivationFunction.DEFAULT_LEAKY_SLOPE : leakySlope;
      ConfigChecks.positive("gain", gain);
      gain = gain == null ? activation.styleGan2Gain() : gain;
    }
  }

  /** Registers {@code modulated-dense}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "modulated-dense";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new ModulatedDenseLayer(config);
    }

    @Override
    public String description() {
      return "Fully connected layer modulated by the mapping network's style (Karras et al. 2020): weights "
          + "W[o,i] s[i], s = affine(w), optionally demodulated to unit norm per output; equalized LR.";
    }
  }
}
