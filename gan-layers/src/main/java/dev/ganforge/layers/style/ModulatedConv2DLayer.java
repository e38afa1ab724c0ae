package dev.ganforge.layers.style;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import dev.ganforge.layers.ActivationFunction;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * A 2-D convolution (stride 1, same padding) whose kernel the style w of the mapping network before it
 * modulates per sample, with optional demodulation (StyleGAN2, Karras et al. 2020); upsample with
 * {@code upsample} between them. The math is in {@link Modulated}.
 */
public final class ModulatedConv2DLayer implements Layer {
  private final Config config;

  public ModulatedConv2DLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    if (!(network.currentType() instanceof InputType.InputTypeConvolutional)) {
      throw new InvalidConfigException("type", "modulated-conv2d needs images, but the layer before it outputs "
          + network.currentType() + "; reshape first, or give mapping-network a constant");
    }
    StyleInput style = StyleInput.find(network, "modulated-conv2d");
    network.append(new Modulated(config.filters(), config.kernel(), config.demodulate(),
        config.activation().toDl4j(config.leakySlope(), config.gain()), style.index(), style.size()));
  }

  /** Config of {@code modulated-conv2d}. */
  public record Config(
      @JsonProperty(required = true) @JsonPropertyDescription("Number of output channels (filters).")
          Integer filters,
      @JsonPropertyDescription("Height and width of the square kernel (stride 1, same padding).") Integer kernel,
      @JsonPropertyDescription("Whether to demodulate: divide each filter's modulated kernel by its norm, so "
          + "unit-variance inputs give unit-variance outputs.") Boolean demodulate,
      @JsonPropertyDescription("Activation applied to the output.") ActivationFunction activation,
      @JsonPropertyDescription("Negative slope, when activation is leaky-relu.") Double leakySlope,
      @JsonPropertyDescription("Multiplies the activation's output; default StyleGAN2's: sqrt(2) after relu "
          + "or leaky-relu, 1 otherwise.") Double gain)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("filters", filters);
      ConfigChecks.positive("kernel", kernel);
      ConfigChecks.nonNegative("leakySlope", leakySlope);
      kernel = kernel == null ? 3 : kernel;
      demodulate = demodulate == null ? Boolean.TRUE : demodulate;
      activation = activation == null ? ActivationFunction.IDENTITY : activation;
      leakySlope = leakySlope == null ? ActivationFunction.DEFAULT_LEAKY_SLOPE : leakySlope;
      ConfigChecks.positive("gain", gain);
      gain = gain == null ? activation.styleGan2Gain() : gain;
    }
  }

  /** Registers {@code modulated-conv2d}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "modulated-conv2d";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new ModulatedConv2DLayer(config);
    }

    @Override
    public String description() {
      return "2-D convolution modulated by the mapping network's style (Karras et al. 2020): kernel "
          + "W[o,i] s[i], s = affine(w), optionally demodulated to unit norm per filter; equalized LR.";
    }
  }
}
