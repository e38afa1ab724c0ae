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
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;

/**
 * A 2-D transposed convolution (often called deconvolution): the adjoint of a strided convolution, each
 * input pixel adding a {@code kernel x kernel} patch, scaled by its value, to the output
 * (Dumoulin and Visin 2016 give the size arithmetic): DL4J's {@code Deconvolution2D}, channels first.
 * The upsampling block of DCGAN generators (Radford et al. 2016): kernel 4, stride 2 and {@code same}
 * padding double the image, 7 to 14 to 28. A kernel not divisible by the stride makes checkerboard
 * artifacts (Odena et al. 2016); {@code upsample} followed by {@code conv2d} avoids them.
 */
public final class Deconvolution2DLayer implements Layer {
  private final Config config;

  public Deconvolution2DLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(builder(config).build());
  }

  /** DL4J's builder for this config, shared with {@code spectral-deconv2d}. */
  public static Deconvolution2D.Builder builder(Config config) {
    Deconvolution2D.Builder builder = new Deconvolution2D.Builder()
        .nOut(config.filters())
        .kernelSize(config.kernel(), config.kernel())
        .stride(config.stride(), config.stride())
        .convolutionMode(config.padding().toDl4j())
        .activation(config.activation().toDl4j(config.leakySlope()))
        .weightInit(config.weightInit().toDl4j())
        .hasBias(config.bias());
    int excess = config.kernel() - config.stride();
    if (config.padding() == PaddingMode.SAME && excess >= 0 && excess % 2 == 0) {
      // The same output (input x stride), as explicit even padding: libnd4j hands a deconvolution to
      // oneDNN only with explicit padding; in SAME mode it takes its own path, several times slower.
      builder.convolutionMode(ConvolutionMode.Truncate).padding(excess / 2, excess / 2);
    }
    return builder;
  }

  /** Config of {@code deconv2d}. */
  public record Config(
      @JsonProperty(required = true) @JsonPropertyDescription("Number of output channels (filters).")
          Integer filters,
      @JsonPropertyDescription("Height and width of the square kernel; 4 with stride 2 in DCGAN.")
          Integer kernel,
      @JsonPropertyDescription("Upsampling step, in both directions; 2 doubles the image.") Integer stride,
      @JsonPropertyDescription("same: output size input x stride; truncate: (input - 1) x stride + kernel.")
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

  /** Registers {@code deconv2d}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "deconv2d";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new Deconvolution2DLayer(config);
    }

    @Override
    public String description() {
      return "2-D transposed convolution (deconvolution); kernel 4, stride 2, same padding doubles the image "
          + "(DCGAN generators, Radford et al. 2016).";
    }
  }
}
