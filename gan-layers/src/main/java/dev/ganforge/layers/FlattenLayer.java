package dev.ganforge.layers;

import com.google.auto.service.AutoService;
import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/**
 * Turns each channels-first image into a vector of {@code channels x height x width} values in row-major
 * order, e.g. between a discriminator's last {@code conv2d} and its {@code dense} output. A DL4J
 * preprocessor: no layer, no parameters. Vectors pass unchanged.
 */
public final class FlattenLayer implements Layer {

  @Override
  public void appendTo(NetworkAssembly network) {
    InputType current = network.currentType();
    if (current instanceof InputType.InputTypeConvolutional image) {
      network.appendPreprocessor(new CnnToFeedForwardPreProcessor(
          image.getHeight(), image.getWidth(), image.getChannels(), image.getFormat()));
    } else if (current.getType() != InputType.Type.FF && current.getType() != InputType.Type.CNNFlat) {
      throw new InvalidConfigException("type", "flatten reads images or vectors, but the layer before outputs "
          + ReshapeLayer.describe(current));
    }
  }

  /** Config of {@code flatten}: no options. */
  public record Config() implements LayerConfig {}

  /** Registers {@code flatten}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "flatten";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new FlattenLayer();
    }

    @Override
    public String description() {
      return "Flattens each image to a vector, channels x height x width in row-major order; vectors pass "
          + "unchanged.";
    }
  }
}
