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
import dev.ganforge.layers.Deconvolution2DLayer;
import dev.ganforge.layers.PaddingMode;
import dev.ganforge.layers.WeightInitialization;

/**
 * A 2-D transposed convolution with spectral normalization (Miyato et al. 2018), for generators (SAGAN
 * and BigGAN normalize G too): the kernel, as the matrix {@code [in, out * kh * kw]}, is divided by its
 * largest singular value, estimated by one power iteration per training-mode forward pass.
 */
public final class SpectralDeconvolution2DLayer implements Layer {
  private final Config config;

  public SpectralDeconvolution2DLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new SpectralDeconvolution(Deconvolution2DLayer.builder(new Deconvolution2DLayer.Config(
        config.filters(), config.kernel(), config.stride(), config.padding(), config.activation(),
        config.leakySlope(), config.weightInit(), config.bias()))));
  }

  /** Config of {@code spectral-deconv2d}: the fields, checks and defaults of {@code deconv2d}. */
  public record Config(
      @JsonProperty(required = true) @JsonPropertyDescription("Number of output channels (filters).")
          Integer filters,
      @JsonPropertyDescription("Height and width of the square kernel.") Integer kernel,
      @JsonPropertyDescription("Upsampling step, in both directions; 2 doubles the image.")
          Integer stride,
      @JsonPropertyDescription("same: output size input x stride; truncate: (input - 1) x stride + kernel.")
          PaddingMode padding,
      @JsonPropertyDescription("Activation applied to the output.") ActivationFunction activation,
      @JsonPropertyDescription("Negative slope, when activation is leaky-relu.") Double leakySlope,
      @JsonPropertyDescription("Weight initialisation (the kernel is divided by its spectral norm).")
          WeightInitialization weightInit,
      @JsonPropertyDescription("Whether to add a bias per filter.") Boolean bias)
      implements LayerConfig {
    public Config {
      Deconvolution2DLayer.Config checked =
          new Deconvolution2DLayer.Config(filters, kernel, stride, padding, activation, leakySlope, weightInit, bias);
      kernel = checked.kernel();
      stride = checked.stride();
      padding = checked.padding();
      activation = checked.activation();
      leakySlope = checked.leakySlope();
      weightInit = checked.weightInit();
      bias = checked.bias();
    }
  }

  /** Registers {@code spectral-deconv2d}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "spectral-deconv2d";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new SpectralDeconvolution2DLayer(config);
    }

    @Override
    public String description() {
      return "2-D transposed convolution with spectral normalization (Miyato et al. 2018): kernel / sigma(kernel "
          + "as [in, out*k*k]), one power iteration per training step; u is checkpointed.";
    }
  }
}
