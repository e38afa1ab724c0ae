package dev.ganforge.layers.spectral;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import dev.ganforge.layers.ActivationFunction;
import dev.ganforge.layers.Convolution2DLayer;
import dev.ganforge.layers.PaddingMode;
import dev.ganforge.layers.WeightInitialization;

/**
 * A 2-D convolution with spectral normalization (Miyato et al. 2018): the kernel, as the matrix
 * {@code [out, in * kh * kw]}, is divided by its largest singular value, estimated by one power iteration
 * per training-mode forward pass. The SN-GAN discriminator is made of these.
 */
public final class SpectralConvolution2DLayer implements Layer {
  private final Config config;

  public SpectralConvolution2DLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new SpectralConvolution(Convolution2DLayer.builder(new Convolution2DLayer.Config(
        config.filters(), config.kernel(), config.stride(), config.padding(), config.activation(),
        config.leakySlope(), config.weightInit(), config.bias()))));
  }

  /** Config of {@code spectral-conv2d}: the fields, checks and defaults of {@code conv2d}. */
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
      @JsonPropertyDescription("Weight initialisation (the kernel is divided by its spectral norm).")
          WeightInitialization weightInit,
      @JsonPropertyDescription("Whether to add a bias per filter.") Boolean bias)
      implements LayerConfig {
    public Config {
      Convolution2DLayer.Config checked =
          new Convolution2DLayer.Config(filters, kernel, stride, padding, activation, leakySlope, weightInit, bias);
      kernel = checked.kernel();
      stride = checked.stride();
      padding = checked.padding();
      activation = checked.activation();
      leakySlope = checked.leakySlope();
      weightInit = checked.weightInit();
      bias = checked.bias();
    }
  }

  /** Registers {@code spectral-conv2d}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "spectral-conv2d";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new SpectralConvolution2DLayer(config);
    }

    @Override
    public String description() {
      return "2-D convolution with spectral normalization (Miyato et al. 2018): kernel / sigma(kernel as "
          + "[out, in*kh*kw]), sigma by one power iteration per training step; u saved in checkpoints.";
    }
  }
}
