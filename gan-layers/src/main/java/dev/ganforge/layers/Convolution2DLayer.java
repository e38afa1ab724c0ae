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
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * A 2-D convolution, {@code activation(W * x + b)} with a square {@code kernel x kernel} filter per output
 * channel (LeCun et al. 1998): DL4J's {@code ConvolutionLayer}, channels first. The building block of
 * convolutional discriminators; with stride 2 it halves the image instead of pooling, as in DCGAN
 * (Radford et al. 2016).
 */
public final class Convolution2DLayer implements Layer {
  private final Config config;

  public Convolution2DLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(builder(config).build());
  }

  /** DL4J's builder for {@code config}; the spectral and equalized variants build their own layer classes from it. */
  public static ConvolutionLayer.Builder builder(Config config) {
    return new ConvolutionLayer.Builder()
        .nOut(config.filters())
        .kernelSize(config.kernel(), config.kernel())
        .stride(config.stride(), config.stride())
        .convolutionMode(config.padding().toDl4j())
        .activation(config.activation().toDl4j(config.leakySlope()))
        .weightInit(config.weightInit().toDl4j())
        .hasBias(config.bias());
  }

  /** Config of {@code conv2d}. */
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
      @JsonPropertyDescription("Weight initialisation.") WeightInitialization weightInit,
      @JsonPropertyDescription("Whether to add a bias per filter.") Boolean bias)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("filters", filters);
      ConfigChecks.positive("kernel", kernel);
      ConfigChecks.positive("stride", stride);
      ConfigChecks.nonNegative("leakySlope", leakySlope);
      kernel = kernel == null ? 3 : kernel;
      stride = stride == null ? 1 : stride;
      padding = padding == null ? PaddingMode.SAME : padding;
      activation = activation == null ? ActivationFunction.IDENTITY : activation;
      leakySlope = leakySlope == null ? ActivationFunction.DEFAULT_LEAKY_SLOPE : leakySlope;
      weightInit = weightInit == null ? WeightInitialization.XAVIER : weightInit;
      bias = bias == null ? Boolean.TRUE : bias;
    }
  }

  /** Registers {@code conv2d}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "conv2d";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new Convolution2DLayer(config);
    }

    @Override
    public String description() {
      return "2-D convolution, activation(W * x + b), on channels-first images; stride 2 halves the image "
          + "(DCGAN discriminators).";
    }
  }
}
