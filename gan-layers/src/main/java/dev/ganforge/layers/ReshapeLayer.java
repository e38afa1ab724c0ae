package dev.ganforge.layers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

/**
 * Gives each example's activations a new shape without changing their values or their row-major order:
 * {@code [channels, height, width]} turns a vector into a channels-first image (the projection at the
 * start of a DCGAN generator, Radford et al. 2016), {@code [size]} turns an image into a vector. Done
 * with DL4J preprocessors, so it adds no layer and no parameters.
 */
public final class ReshapeLayer implements Layer {
  private final Config config;

  public ReshapeLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    InputType current = network.currentType();
    List<Integer> shape = config.shape();
    if (current instanceof InputType.InputTypeConvolutional image) {
      requireSameSize(shape, image.arrayElementsPerExample(), current);
      if (shape.size() == 3 && shape.equals(List.of(
          (int) image.getChannels(), (int) image.getHeight(), (int) image.getWidth()))) {
        return;
      }
      network.appendPreprocessor(new CnnToFeedForwardPreProcessor(
          image.getHeight(), image.getWidth(), image.getChannels(), image.getFormat()));
    } else if (current.getType() == InputType.Type.FF || current.getType() == InputType.Type.CNNFlat) {
      requireSameSize(shape, current.arrayElementsPerExample(), current);
    } else {
      throw new InvalidConfigException("shape", "reshape reads vectors or images, but the layer before "
          + "outputs " + describe(current));
    }
    if (shape.size() == 3) {
      network.appendPreprocessor(new FeedForwardToCnnPreProcessor(shape.get(1), shape.get(2), shape.get(0)));
    }
  }

  private static void requireSameSize(List<Integer> shape, long available, InputType current) {
    long wanted = shape.stream().mapToLong(Integer::longValue).reduce(1, Math::multiplyExact);
    if (wanted != available) {
      throw new InvalidConfigException("shape", "shape " + shape + " holds " + wanted
          + " values but the layer before outputs " + available + " per example (" + describe(current)
          + "); make the two sizes match");
    }
  }

  /** "a vector of 6272" or "images of 128 x 7 x 7 (channels x height x width)". */
  static String describe(InputType type) {
    if (type instanceof InputType.InputTypeConvolutional image) {
      return "images of " + image.getChannels() + " x " + image.getHeight() + " x " + image.getWidth()
          + " (channels x height x width)";
    }
    if (type.getType() == InputType.Type.FF || type.getType() == InputType.Type.CNNFlat) {
      return "a vector of " + type.arrayElementsPerExample();
    }
    return type.toString();
  }

  /** Config of {@code reshape}. */
  public record Config(
      @JsonProperty(required = true)
          @JsonPropertyDescription("The new shape of each example: [channels, height, width] for an image, "
              + "[size] for a vector; it must hold as many values as the layer before outputs.")
          List<Integer> shape)
      implements LayerConfig {
    public Config {
      if (shape != null) {
        if (shape.size() != 1 && shape.size() != 3) {
          throw new InvalidConfigException("shape", "must list 3 sizes [channels, height, width] or 1 [size], "
              + "got " + shape);
        }
        if (shape.stream().anyMatch(size -> size == null || size <= 0)) {
          throw new InvalidConfigException("shape", "sizes must be positive, got " + shape);
        }
        shape = List.copyOf(shape);
      }
    }
  }

  /** Registers {@code reshape}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "reshape";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new ReshapeLayer(config);
    }

    @Override
    public String description() {
      return "Reshapes each example in row-major order: [channels, height, width] makes a vector an image "
          + "(DCGAN's projection), [size] makes an image a vector.";
    }
  }
}
