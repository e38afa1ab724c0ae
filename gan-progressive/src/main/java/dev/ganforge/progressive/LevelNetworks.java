package dev.ganforge.progressive;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.layer.LabelConditioned;
import dev.ganforge.api.layer.LayerParameters;
import dev.ganforge.api.layer.ReferenceNormalized;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The generator and discriminator of each level, cut from the networks the config describes at the
 * final resolution (Karras et al. 2018, their {@code networks.py}).
 *
 * <p>The generator's body is cut where its resolution doubles; its image head (the trailing layers
 * whose output has the data's channels, the to-image convolution) is repeated per level with the
 * level's input channels. The discriminator's body is cut where its resolution halves; its image head
 * (the leading layers whose input has the data's channels, the from-image convolution) is repeated per
 * level with the level's output channels. Every level's networks read and write images of the final
 * size: the generator ends by upsampling its image (nearest neighbour) and the discriminator starts by
 * average-pooling its input, as Karras et al.'s networks do with {@code lod}, so the engine, samples and
 * metrics always see the data's shape.
 *
 * <p>While a level fades in, the generator is {@code lerp(upsample(toImage_old(h)), toImage_new(block(h)),
 * alpha)} and the discriminator {@code lerp(fromImage_old(downsample(x)), block(fromImage_new(x)), alpha)},
 * built from a {@link FadeBranch}, a {@link FadeSwitch} and a {@link FadeMerge}.
 *
 * <p>Layers keep their names across levels (a head repeated at a lower resolution gets the resolution as
 * a suffix), so a grown network takes the trained layers' weights by name ({@link LayerParameters}) and
 * its new layers start from the config's initial weights.
 */
final class LevelNetworks {
  private final MultiLayerNetwork generator;
  private final MultiLayerNetwork discriminator;
  private final InputType latent;
  private final InputType image;
  private final List<InputType> generatorOutputs;
  private final List<InputType> discriminatorInputs;
  private final int finalResolution;
  /** The generator's first head layer; the discriminator's first layer after its head. */
  private final int generatorHead;
  private final int discriminatorBody;

  private LevelNetworks(MultiLayerNetwork generator, MultiLayerNetwork discriminator, InputType latent,
      InputType image, int channels) {
    this.generator = generator;
    this.discriminator = discriminator;
    this.latent = latent;
    this.image = image;
    this.generatorOutputs = generator.getLayerWiseConfigurations().getLayerActivationTypes(latent);
    List<InputType> discriminatorOutputs = discriminator.getLayerWiseConfigurations().getLayerActivationTypes(image);
    this.discriminatorInputs = new ArrayList<>();
    discriminatorInputs.add(image);
    discriminatorInputs.addAll(discriminatorOutputs.subList(0, discriminatorOutputs.size() - 1));
    this.finalResolution = (int) ((InputType.InputTypeConvolutional) image).getHeight();
    int head = generatorOutputs.size();
    while (head > 0 && channels(generatorOutputs.get(head - 1)) == channels) {
      head--;
    }
    this.generatorHead = head;
    int body = 0;
    while (body < discriminatorInputs.size() && channels(discriminatorInputs.get(body)) == channels) {
      body++;
    }
    this.discriminatorBody = body;
    if (generatorHead == generatorOutputs.size() || generatorHead == 0) {
      throw new InvalidConfigException("generator", "the generator must end in layers that make the image from "
          + "features (a to-image convolution with the data's " + channels + " channels) after layers that do not");
    }
    if (discriminatorBody == 0 || discriminatorBody == discriminatorInputs.size()) {
      throw new InvalidConfigException("discriminator", "the discriminator must start with layers that read the image "
          + "(a from-image convolution from the data's " + channels + " channels) before layers that do not");
    }
  }

  /**
   * Cuts the levels from the config's networks as assembled at the start of the run.
   *
   * @param sampleShape the data's {@code [channels, height, width]}
   * @param resolutions the levels' resolutions, the final one last
   * @throws InvalidConfigException when the networks cannot be cut there
   */
  static LevelNetworks of(MultiLayerNetwork generator, MultiLayerNetwork discriminator, long[] sampleShape,
      List<Integer> resolutions) {
    refuseUnsupported(generator, "generator");
    refuseUnsupported(discriminator, "discriminator");
    InputType image = InputType.convolutional(sampleShape[1], sampleShape[2], sampleShape[0]);
    LevelNetworks levels = new LevelNetworks(generator, discriminator, latentType(generator), image,
        (int) sampleShape[0]);
    for (int resolution : resolutions) {
      levels.generatorEnd(resolution);
      levels.discriminatorStart(resolution);
    }
    return levels;
  }

  private static void refuseUnsupported(MultiLayerNetwork network, String role) {
    for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
      String name = layer.conf().getLayer().getLayerName();
      if (layer.conf().getLayer() instanceof ReferenceNormalized) {
        throw new InvalidConfigException(role, "the " + role + "'s layer " + name + " is reference-normalized "
            + "(virtual batch norm), whose reference batch has the final resolution; use another normalization "
            + "with progressive growing");
      }
      if (layer instanceof LabelConditioned) {
        throw new InvalidConfigException(role, "the " + role + "'s layer " + name + " reads class labels; "
            + "progressive growing of conditional models is not supported yet");
      }
    }
  }

  /** The generator reads the latent vector: the input of its first layer with a known input size. */
  static InputType latentType(MultiLayerNetwork generator) {
    for (NeuralNetConfiguration conf : generator.getLayerWiseConfigurations().getConfs()) {
      if (conf.getLayer() instanceof FeedForwardLayer layer && layer.getNIn() > 0) {
        return InputType.feedForward(layer.getNIn());
      }
    }
    throw new InvalidConfigException("generator", "cannot tell the generator's latent size: none of its layers "
        + "names its input size");
  }

  /** The generator of {@code level}, the trained layers of {@code live} copied in. */
  MultiLayerNetwork generator(LevelOfDetail level, MultiLayerNetwork live) {
    int resolution = level.resolution();
    List<Layer> layers = new ArrayList<>();
    Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
    if (level.fading()) {
      int previous = resolution / 2;
      int end = generatorEnd(previous);
      copy(generator, 0, end + 1, layers, preprocessors);
      int branch = layers.size();
      layers.add(new FadeBranch("g-fade-branch"));
      toImage(previous, layers, preprocessors);
      int link = layers.size();
      InputType.InputTypeConvolutional kept = convolutional(generatorOutputs.get(end));
      layers.add(new FadeSwitch("g-fade-switch", branch, FadeSide.GENERATOR,
          new long[] {kept.getChannels(), kept.getHeight(), kept.getWidth()}));
      copy(generator, end + 1, generatorEnd(resolution) + 1, layers, preprocessors);
      toImage(resolution, layers, preprocessors);
      layers.add(new FadeMerge("g-fade-merge", link, FadeSide.GENERATOR));
    } else {
      copy(generator, 0, generatorEnd(resolution) + 1, layers, preprocessors);
      toImage(resolution, layers, preprocessors);
    }
    if (resolution < finalResolution) {
      layers.add(new Upsampling2D.Builder().size(finalResolution / resolution).name("g-upscale").build());
    }
    return build(generator.getLayerWiseConfigurations(), layers, preprocessors, latent, generator, live);
  }

  /** The discriminator of {@code level}, the trained layers of {@code live} copied in. */
  MultiLayerNetwork discriminator(LevelOfDetail level, MultiLayerNetwork live) {
    int resolution = level.resolution();
    List<Layer> layers = new ArrayList<>();
    Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
    if (resolution < finalResolution) {
      int factor = finalResolution / resolution;
      layers.add(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(factor, factor).stride(factor, factor)
          .name("d-downscale").build());
    }
    int start = discriminatorStart(resolution);
    if (level.fading()) {
      int previous = resolution / 2;
      int previousStart = discriminatorStart(previous);
      int branch = layers.size();
      layers.add(new FadeBranch("d-fade-branch"));
      fromImage(resolution, start, layers, preprocessors);
      copy(discriminator, start, previousStart, layers, preprocessors);
      int link = layers.size();
      layers.add(new FadeSwitch("d-fade-switch", branch, FadeSide.DISCRIMINATOR,
          new long[] {channels(image), previous, previous}));
      fromImage(previous, previousStart, layers, preprocessors);
      layers.add(new FadeMerge("d-fade-merge", link, FadeSide.DISCRIMINATOR));
      copy(discriminator, previousStart, discriminatorInputs.size(), layers, preprocessors);
    } else {
      fromImage(resolution, start, layers, preprocessors);
      copy(discriminator, start, discriminatorInputs.size(), layers, preprocessors);
    }
    return build(discriminator.getLayerWiseConfigurations(), layers, preprocessors, image, discriminator, live);
  }

  /** The last generator body layer at {@code resolution}: the block of that level ends there. */
  private int generatorEnd(int resolution) {
    if (resolution == finalResolution) {
      return generatorHead - 1;
    }
    int end = -1;
    for (int i = 0; i < generatorHead; i++) {
      if (height(generatorOutputs.get(i)) == resolution) {
        end = i;
      }
    }
    if (end < 0 || height(generatorOutputs.get(end + 1)) != 2L * resolution) {
      throw new InvalidConfigException("generator", "the generator has no level at " + resolution + "x" + resolution
          + " (its layers' resolutions: " + resolutions(generatorOutputs) + "); each level's block must double "
          + "the resolution of the one before");
    }
    return end;
  }

  /** The first discriminator body layer reading {@code resolution}: the block of that level starts there. */
  private int discriminatorStart(int resolution) {
    for (int i = discriminatorBody; i < discriminatorInputs.size(); i++) {
      if (height(discriminatorInputs.get(i)) == resolution) {
        if (resolution < finalResolution && height(discriminatorInputs.get(i - 1)) != 2L * resolution) {
          break;
        }
        return i;
      }
    }
    throw new InvalidConfigException("discriminator", "the discriminator has no level at " + resolution + "x" + resolution
        + " (its layers' input resolutions: " + resolutions(discriminatorInputs) + "); each level's block must "
        + "halve the resolution of the one before");
  }

  /** Appends clones of {@code network}'s layers {@code [from, to)} and their preprocessors. */
  static void copy(MultiLayerNetwork network, int from, int to, List<Layer> layers,
      Map<Integer, InputPreProcessor> preprocessors) {
    MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
    for (int i = from; i < to; i++) {
      InputPreProcessor preprocessor = conf.getInputPreProcess(i);
      if (preprocessor != null) {
        preprocessors.put(layers.size(), preprocessor.clone());
      }
      layers.add(conf.getConf(i).getLayer().clone());
    }
  }

  /** The image head's layers, renamed for {@code resolution} unless it is the final one. */
  private void copyHead(MultiLayerNetwork network, int from, int to, int resolution, List<Layer> layers,
      Map<Integer, InputPreProcessor> preprocessors) {
    int first = layers.size();
    copy(network, from, to, layers, preprocessors);
    if (resolution != finalResolution) {
      for (int i = first; i < layers.size(); i++) {
        layers.get(i).setLayerName(layers.get(i).getLayerName() + "-" + resolution);
      }
    }
  }

  /** The generator's to-image head for {@code resolution}; DL4J infers its input size there. */
  private void toImage(int resolution, List<Layer> layers, Map<Integer, InputPreProcessor> preprocessors) {
    copyHead(generator, generatorHead, generatorOutputs.size(), resolution, layers, preprocessors);
  }

  /**
   * The discriminator's from-image head for {@code resolution}, its last sized layer making as many
   * channels as the body layer at {@code bodyStart} reads.
   */
  private void fromImage(int resolution, int bodyStart, List<Layer> layers,
      Map<Integer, InputPreProcessor> preprocessors) {
    int first = layers.size();
    copyHead(discriminator, 0, discriminatorBody, resolution, layers, preprocessors);
    for (int i = layers.size() - 1; i >= first; i--) {
      if (layers.get(i) instanceof FeedForwardLayer sized) {
        sized.setNOut(channels(discriminatorInputs.get(bodyStart)));
        return;
      }
    }
    throw new InvalidConfigException("discriminator", "the discriminator's from-image layers (" + layers.subList(first,
        layers.size()).stream().map(Layer::getLayerName).toList() + ") have no output size to set per level");
  }

  /**
   * A network of {@code layers} reading {@code input}, its weights taken by layer name from {@code initial},
   * then from {@code live}.
   */
  static MultiLayerNetwork build(MultiLayerConfiguration like, List<Layer> layers,
      Map<Integer, InputPreProcessor> preprocessors, InputType input, MultiLayerNetwork initial,
      MultiLayerNetwork live) {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
        .seed(like.getConf(0).getSeed())
        .dataType(like.getDataType())
        .updater(new NoOp())
        .miniBatch(false)
        .trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE)
        .list();
    for (int i = 0; i < layers.size(); i++) {
      list.layer(i, layers.get(i));
    }
    preprocessors.forEach(list::inputPreProcessor);
    MultiLayerNetwork network = new MultiLayerNetwork(list.overrideNinUponBuild(true).setInputType(input).build());
    network.init();
    LayerParameters.copyMatching(initial, network);
    LayerParameters.copyMatching(live, network);
    return network;
  }

  private static InputType.InputTypeConvolutional convolutional(InputType type) {
    if (!(type instanceof InputType.InputTypeConvolutional convolutional)) {
      throw new InvalidConfigException("generator", "expected images between levels, found " + type);
    }
    return convolutional;
  }

  private static long channels(InputType type) {
    return type instanceof InputType.InputTypeConvolutional c ? c.getChannels() : -1;
  }

  private static long height(InputType type) {
    return type instanceof InputType.InputTypeConvolutional c ? c.getHeight() : 0;
  }

  private static List<Long> resolutions(List<InputType> types) {
    return types.stream().map(LevelNetworks::height).toList();
  }
}
