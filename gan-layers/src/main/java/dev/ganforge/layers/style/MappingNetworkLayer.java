package dev.ganforge.layers.style;

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
import dev.ganforge.layers.equalized.EqualizedDense;
import dev.ganforge.layers.equalized.EqualizedDenseLayer;
import dev.ganforge.layers.normalization.PixelNormLayer;
import dev.ganforge.layers.normalization.PixelNormalization;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * StyleGAN's mapping network (Karras et al. 2019): z, normalized, through equalized fully connected
 * layers with leaky ReLU and a low learning-rate multiplier, gives the style w that the
 * {@code modulated-dense} and {@code modulated-conv2d} layers after it read. The generator then goes on
 * from w, or from a learned constant image when {@code constant} is set (StyleGAN's synthesis input).
 */
public final class MappingNetworkLayer implements Layer {
  private static final double LEAKY_SLOPE = 0.2;

  private final Config config;

  public MappingNetworkLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    if (network.currentType() instanceof InputType.InputTypeConvolutional) {
      throw new InvalidConfigException("type", "mapping-network reads the latent vector, but the layer before "
          + "it outputs images; put it first in the generator");
    }
    long latentSize = network.currentType().arrayElementsPerExample();
    long styleSize = config.units() != null ? config.units() : latentSize;
    if (config.layers() == 0 && styleSize != latentSize) {
      throw new InvalidConfigException("units", "with layers: 0, w is z itself (" + latentSize + " values), so "
          + "units " + styleSize + " cannot hold; leave units out or add layers");
    }
    if (config.normalizeLatent()) {
      network.append(new PixelNormalization(PixelNormLayer.DEFAULT_EPSILON));
    }
    for (int i = 0; i < config.layers(); i++) {
      network.append(new EqualizedDense(styleSize,
          ActivationFunction.LEAKY_RELU.toDl4j(LEAKY_SLOPE), true, config.lrMultiplier(),
          EqualizedDenseLayer.DEFAULT_GAIN));
    }
    long[] constant = config.constant() == null ? new long[0]
        : config.constant().stream().mapToLong(Integer::longValue).toArray();
    network.append(new StyleSource(styleSize, constant));
  }

  /** Config of {@code mapping-network}. */
  public record Config(
      @JsonPropertyDescription("Number of fully connected layers from z to w (StyleGAN: 8).") Integer layers,
      @JsonPropertyDescription("Width of each layer and of w; default the latent size.") Integer units,
      @JsonPropertyDescription("Learning-rate multiplier of its equalized layers (StyleGAN: 0.01).")
          Double lrMultiplier,
      @JsonPropertyDescription("Whether z is pixel-normalized first.") Boolean normalizeLatent,
      @JsonPropertyDescription("[channels, height, width] of a learned constant image the generator goes on "
          + "from (StyleGAN's synthesis input); default: it goes on from w.") List<Integer> constant)
      implements LayerConfig {
    public Config {
      ConfigChecks.nonNegative("layers", layers);
      ConfigChecks.positive("units", units);
      ConfigChecks.positive("lrMultiplier", lrMultiplier);
      if (constant != null && (constant.size() != 3 || constant.stream().anyMatch(size -> size == null || size <= 0))) {
        throw new InvalidConfigException("constant", "needs three positive sizes [channels, height, width], got "
            + constant);
      }
      layers = layers == null ? 4 : layers;
      lrMultiplier = lrMultiplier == null ? 0.01 : lrMultiplier;
      normalizeLatent = normalizeLatent == null ? Boolean.TRUE : normalizeLatent;
      constant = constant == null ? null : List.copyOf(constant);
    }
  }

  /** Registers {@code mapping-network}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "mapping-network";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new MappingNetworkLayer(config);
    }

    @Override
    public String description() {
      return "StyleGAN mapping network (Karras et al. 2019): w = MLP(pixel-norm(z)), equalized layers with a "
          + "low learning rate; modulated layers after it read w. The chain goes on from w or a learned constant.";
    }
  }
}
