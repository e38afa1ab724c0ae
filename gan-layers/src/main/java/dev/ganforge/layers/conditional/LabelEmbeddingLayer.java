package dev.ganforge.layers.conditional;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;

/**
 * A class-label input for conditional GANs, in G or D: embeds each sample's class label through a learned
 * table and combines it with the layer input (concatenated, added or multiplied; for images, the same
 * value at every pixel of a channel). Putting it in the generator makes the model conditional: the engine
 * feeds real samples' labels to D and the labels fakes are drawn for to G and D.
 */
public final class LabelEmbeddingLayer implements Layer {
  private final Config config;
  private final int dataClasses;
  private final String dataName;

  public LabelEmbeddingLayer(Config config, int dataClasses, String dataName) {
    this.config = config;
    this.dataClasses = dataClasses;
    this.dataName = dataName;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    int classes = config.classes() != null ? config.classes() : dataClasses;
    if (classes <= 0) {
      throw new IllegalArgumentException("label-embedding: the data (" + dataName + ") has no class labels; "
          + "a conditional model needs labelled data such as fashion-mnist or mnist");
    }
    long width = LabelEmbedding.width(network.currentType());
    int size;
    if (config.combine() == LabelCombination.CONCAT) {
      size = config.size() != null ? config.size() : classes;
    } else {
      if (config.size() != null && config.size() != width) {
        throw new IllegalArgumentException("label-embedding: size " + config.size() + " cannot be combined by "
            + config.combine().name().toLowerCase(java.util.Locale.ROOT) + " with an input of " + width
            + (network.currentType() instanceof org.deeplearning4j.nn.conf.inputs.InputType.InputTypeConvolutional
                ? " channels" : " features") + "; leave size out (it follows the input) or set it to " + width);
      }
      size = (int) width;
    }
    network.append(new LabelEmbedding(classes, size, config.combine()));
  }

  /** Config of {@code label-embedding}. */
  public record Config(
      @JsonPropertyDescription("How the embedding e meets the input x: concat ([x, e]), add (x + e) or "
          + "multiply (x * e).") LabelCombination combine,
      @JsonPropertyDescription("Embedding size; concat only (default: the number of classes). Add and "
          + "multiply use the input's features or channels.") Integer size,
      @JsonPropertyDescription("Number of classes; default the data's.") Integer classes)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("size", size);
      ConfigChecks.positive("classes", classes);
      combine = combine == null ? LabelCombination.CONCAT : combine;
    }
  }

  /** Registers {@code label-embedding}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "label-embedding";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new LabelEmbeddingLayer(config, context.dataset().map(d -> d.classCount()).orElse(0),
          context.dataset().map(d -> d.name()).orElse("unknown"));
    }

    @Override
    public String description() {
      return "Class-label input of a conditional GAN: e = E[label] (learned, N(0, 1) at init), combined with "
          + "the input by concat, add or multiply (per channel over every pixel for images).";
    }
  }
}
