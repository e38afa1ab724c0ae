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
import dev.ganforge.layers.Convolution2DLayer;
import dev.ganforge.layers.PaddingMode;

/**
 * A 2-D convolution with an equalized learning rate (Karras et al. 2018), as {@code equalized-dense} with
 * fan-in {@code in * kernel * kernel}.
 */
public final class EqualizedConvolution2DLayer implements Layer {
  private final Config config;

  public EqualizedConvolution2DLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new EqualizedConvolution(Convolution2DLayer.builder(new Convolution2DLayer.Config(
            config.filters(), config.kernel(), config.stride(), config.padding(), config.activation(),
            config.leakySlope(), null, config.bias())),
        config.lrMultiplier(), config.gain()));
  }

  /** Config of {@code equalized-conv2d}. */
  public record Config(
      @JsonProperty(required = true) @JsonPropertyDescription("Number of output channels (filters).")
          Integer filters,
      @JsonPropertyDescription("Height and width of the square kernel.") Integer kernel,
      @JsonPropertyDescription("Step between kernel positions, in both directions; 2 halves the image.")
          Integer stride,
      @JsonPropertyDescription("same: output size ceil(input / stride); truncate: no padding.")
          PaddingMode padding,
      @JsonPropertyDescription("Activation applied to the output.") ActivationFunction activation,
      @JsonPropertyDescription("Negative slope, when activation is leaky-relu.") Double leakySlope,
      @JsonPropertyDescription("Whether to add a bias per filter.") Boolean bias,
      @JsonPropertyDescription("Scales the effective learning rate of this layer.") Double lrMultiplier,
      @JsonPropertyDescription("Gain of the run-time scale gain / sqrt(fan_in); sqrt(2) (He) by default.")
          Double gain)
      implements LayerConfig {
    public Config {
      Convolution2DLayer.Config checked =
          new Convolution2DLayer.Config(filters, kernel, stride, padding, activation, leakySlope, null, bias);
      ConfigChecks.positive("lrMultiplier", lrMultiplier);
      ConfigChecks.positive("gain", gain);
      kernel = checked.kernel();
      stride = checked.stride();
      padding = checked.padding();
      activation = checked.activation();
      leakySlope = checked.leakySlope();
      bias = checked.bias();
      lrMultiplier = lrMultiplier == null ? 1.0 : lrMultiplier;
      gain = gain == null ? EqualizedDenseLayer.DEFAULT_GAIN : gain;
    }
  }

  /** Registers {@code equalized-conv2d}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "equalized-conv2d";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new EqualizedConvolution2DLayer(config);
    }

    @Override
    public String description() {
      return "2-D convolution with equalized learning rate (Karras et al. 2018): N(0,1) kernel scaled at "
          + "run time by lrMultiplier * gain / sqrt(in * kernel^2).";
    }
  }
}
