package dev.ganforge.progressive;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.layer.ReferenceNormalized;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The generator of each stage of a stacked GAN, cut from the config's generator at its {@link StageInput}
 * layers: stage s is every layer before the stage layer that ends it, the earlier stages' layers frozen
 * (the no-op updater: no optimizer, penalty or clipping touches them) with the weights they were trained
 * to, and, below the data's resolution, an upsampling to the data's size (nearest neighbour), so the
 * engine, samples and metrics always see images of the data's shape. The last stage is the whole
 * generator.
 */
final class StageNetworks {
  private final MultiLayerNetwork generator;
  private final InputType latent;
  /** Index of the stage layer that starts stage s + 1, for each stage but the last. */
  private final List<Integer> stageLayers;
  /** Height and width of each stage's image, the data's last. */
  private final List<Integer> resolutions;
  /** The data's images. */
  private final InputType image;

  private StageNetworks(MultiLayerNetwork generator, InputType latent, List<Integer> stageLayers,
      List<Integer> resolutions, InputType image) {
    this.generator = generator;
    this.latent = latent;
    this.stageLayers = stageLayers;
    this.resolutions = resolutions;
    this.image = image;
  }

  /**
   * Finds the stages of the config's generator as assembled at the start of the run.
   *
   * @param sampleShape the data's {@code [channels, height, width]}
   * @throws InvalidConfigException when the generator has no stages or a stage makes no image to refine
   */
  static StageNetworks of(MultiLayerNetwork generator, long[] sampleShape) {
    InputType latent = LevelNetworks.latentType(generator);
    List<InputType> outputs = generator.getLayerWiseConfigurations().getLayerActivationTypes(latent);
    List<Integer> stageLayers = new ArrayList<>();
    List<Integer> resolutions = new ArrayList<>();
    int finalResolution = (int) sampleShape[1];
    for (int i = 0; i < generator.getnLayers(); i++) {
      Layer layer = generator.getLayerWiseConfigurations().getConf(i).getLayer();
      if (layer instanceof ReferenceNormalized) {
        throw new InvalidConfigException("generator", "layer " + layer.getLayerName() + " is reference-normalized "
            + "(virtual batch norm), whose reference rows a stage's real images do not have; use another "
            + "normalization in a stacked generator");
      }
      if (!(layer instanceof StageInput)) {
        continue;
      }
      InputType image = i == 0 ? latent : outputs.get(i - 1);
      if (!(image instanceof InputType.InputTypeConvolutional made) || made.getChannels() != sampleShape[0]
          || made.getHeight() != made.getWidth() || finalResolution % made.getHeight() != 0
          || made.getHeight() == finalResolution) {
        throw new InvalidConfigException("generator", "the stage layer at position " + (i + 1) + " follows "
            + image + "; each stage must end in an image with the data's " + sampleShape[0] + " channels, square "
            + "and a whole fraction of the data's " + finalResolution + "x" + finalResolution);
      }
      int resolution = (int) made.getHeight();
      if (!resolutions.isEmpty() && resolution <= resolutions.get(resolutions.size() - 1)) {
        throw new InvalidConfigException("generator", "stage " + (resolutions.size() + 1) + " makes "
            + resolution + "x" + resolution + " images, no more than the stage before it; each stage must refine "
            + "to a higher resolution");
      }
      stageLayers.add(i);
      resolutions.add(resolution);
    }
    if (stageLayers.isEmpty()) {
      throw new InvalidConfigException("generator", "a stacked generator separates its stages by {type: stage} "
          + "layers, and this one has none; end the first stage's layers with one, e.g. after a 14x14 image");
    }
    resolutions.add(finalResolution);
    return new StageNetworks(generator, latent, List.copyOf(stageLayers), List.copyOf(resolutions),
        InputType.convolutional(sampleShape[1], sampleShape[2], sampleShape[0]));
  }

  int stageCount() {
    return resolutions.size();
  }

  /** Height and width of stage {@code stage}'s image (0-based). */
  int resolution(int stage) {
    return resolutions.get(stage);
  }

  int finalResolution() {
    return resolutions.get(resolutions.size() - 1);
  }

  /** Index of the stage layer starting {@code stage} (1 or more) in that stage's generator. */
  int stageLayer(int stage) {
    return stageLayers.get(stage - 1);
  }

  /** The generator of {@code stage}, the trained layers of {@code live} copied in by name. */
  MultiLayerNetwork generator(int stage, MultiLayerNetwork live) {
    int end = stage < stageLayers.size() ? stageLayers.get(stage) : generator.getnLayers();
    int frozen = stage == 0 ? 0 : stageLayers.get(stage - 1);
    List<Layer> layers = new ArrayList<>();
    Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
    LevelNetworks.copy(generator, 0, end, layers, preprocessors);
    for (int i = 0; i < frozen; i++) {
      freeze(layers.get(i));
    }
    int resolution = resolution(stage);
    if (resolution < finalResolution()) {
      layers.add(new Upsampling2D.Builder().size(finalResolution() / resolution).name("stacked-upscale").build());
    }
    return LevelNetworks.build(generator.getLayerWiseConfigurations(), layers, preprocessors, latent, generator,
        live);
  }

  /**
   * The discriminator of a later stage {@code stage} that judges each image beside the low-resolution
   * image refined into it: a {@link StageCondition}, then {@code discriminator}'s layers with its
   * weights, the first layer reading twice the channels (its weights new, from the config's seed).
   */
  MultiLayerNetwork conditionedDiscriminator(int stage, MultiLayerNetwork discriminator) {
    StageCondition condition = new StageCondition(finalResolution() / resolution(stage - 1));
    condition.setLayerName("stacked-condition");
    List<Layer> layers = new ArrayList<>(List.of(condition));
    Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
    LevelNetworks.copy(discriminator, 0, discriminator.getnLayers(), layers, preprocessors);
    // A preprocessor before the first layer was made for the data's channels; DL4J infers it anew for twice them.
    preprocessors.remove(1);
    return LevelNetworks.build(discriminator.getLayerWiseConfigurations(), layers, preprocessors, image,
        discriminator, discriminator);
  }

  /**
   * The layers of the stages before the last that {@code trained} lacks: none of its layers has their
   * name and parameters of their shapes.
   */
  List<String> missingEarlierStages(MultiLayerNetwork trained) {
    Map<String, org.deeplearning4j.nn.api.Layer> byName = new HashMap<>();
    for (org.deeplearning4j.nn.api.Layer layer : trained.getLayers()) {
      byName.put(layer.conf().getLayer().getLayerName(), layer);
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < stageLayers.get(stageLayers.size() - 1); i++) {
      org.deeplearning4j.nn.api.Layer layer = generator.getLayer(i);
      if (layer.numParams() == 0) {
        continue;
      }
      String name = layer.conf().getLayer().getLayerName();
      org.deeplearning4j.nn.api.Layer match = byName.get(name);
      if (match == null || !shapes(match).equals(shapes(layer))) {
        missing.add(name);
      }
    }
    return missing;
  }

  private static Map<String, List<Long>> shapes(org.deeplearning4j.nn.api.Layer layer) {
    Map<String, List<Long>> shapes = new HashMap<>();
    layer.paramTable().forEach((key, value) -> shapes.put(key, java.util.Arrays.stream(value.shape()).boxed().toList()));
    return shapes;
  }

  private static void freeze(Layer layer) {
    if (layer instanceof BaseLayer trained) {
      trained.setIUpdater(new NoOp());
      trained.setBiasUpdater(new NoOp());
    } else if (layer.initializer().numParams(layer) > 0) {
      throw new InvalidConfigException("generator", "cannot freeze the earlier stage's layer " + layer.getLayerName()
          + " (" + layer.getClass().getSimpleName() + "): its parameters have no updater to switch off");
    }
  }
}
