package dev.ganforge.core.engine;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.GanForgeException;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.config.NetworkConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two networks of a GAN, as DL4J {@link MultiLayerNetwork}s, plus a twin of the discriminator that
 * shares its parameter array.
 *
 * <p>The twin exists because a network stores the activations of one forward pass at a time: the
 * discriminator scores the real batch while the twin scores the fake batch, so both can be
 * backpropagated after the loss has seen both sets of scores. The twin has its own gradient buffer and
 * no updater of its own in use; it is also what the generator step backpropagates through, which
 * leaves the discriminator's parameters, updater state and normalization statistics untouched.
 */
public final class GanModel {
  private final MultiLayerNetwork generator;
  private final MultiLayerNetwork discriminator;
  private final MultiLayerNetwork discriminatorTwin;
  private final long[] sampleShape;
  /** The generator with its exponential moving average of weights (EMA), when enabled. */
  private final MultiLayerNetwork averagedGenerator;
  private final boolean sampleFromAverage;

  private GanModel(MultiLayerNetwork generator, MultiLayerNetwork discriminator, long[] sampleShape,
      MultiLayerNetwork averagedGenerator, boolean sampleFromAverage) {
    this.generator = requireNonNull(generator, "generator");
    this.discriminator = requireNonNull(discriminator, "discriminator");
    this.sampleShape = sampleShape.clone();
    this.discriminatorTwin = new MultiLayerNetwork(discriminator.getLayerWiseConfigurations().clone());
    // false: the twin's parameters are views into the discriminator's own array, not a copy.
    this.discriminatorTwin.init(discriminator.params(), false);
    this.averagedGenerator = averagedGenerator;
    this.sampleFromAverage = sampleFromAverage && averagedGenerator != null;
  }

  /**
   * This model with an averaged copy of the generator whose parameters are {@code averageParameters}
   * (the generator's current ones when null).
   *
   * @param sampleFromAverage whether {@link #sample} uses the average
   */
  public GanModel withAveragedGenerator(INDArray averageParameters, boolean sampleFromAverage) {
    MultiLayerNetwork averaged = new MultiLayerNetwork(generator.getLayerWiseConfigurations().clone());
    averaged.init(averageParameters == null ? generator.params().dup() : averageParameters.dup(), false);
    return new GanModel(generator, discriminator, sampleShape, averaged, sampleFromAverage);
  }

  /** The generator's weight average, when {@code training.ema} is on. */
  public Optional<MultiLayerNetwork> averagedGenerator() {
    return Optional.ofNullable(averagedGenerator);
  }

  /**
   * Assembles both networks from the config's layer lists with the layer plugins, and checks that they
   * fit the data: the generator's output has the data's shape (or its element count), the
   * discriminator ends in one raw score per sample.
   *
   * @throws GanForgeException (exit code 2) naming what does not fit
   */
  public static GanModel assemble(GanConfig config, PluginRegistry registry, DatasetInfo data, DataType dataType) {
    RunContext context = RunContext.of(config.seed(), dataType, data);
    long[] sampleShape = sampleShape(data);
    NetworkAssembler generator = assemble(registry, context, NetworkRole.GENERATOR, config.generator(),
        InputType.feedForward(config.latent().size()), config.seed());
    NetworkAssembler discriminator = assemble(registry, context, NetworkRole.DISCRIMINATOR,
        config.discriminator(), dataInputType(packedShape(sampleShape, config.training().pack())),
        config.seed() + 1);
    checkGeneratorOutput(generator.currentType(), sampleShape);
    checkDiscriminatorOutput(discriminator);
    MultiLayerNetwork g = new MultiLayerNetwork(generator.configuration());
    g.init();
    MultiLayerNetwork d = new MultiLayerNetwork(discriminator.configuration());
    d.init();
    return new GanModel(g, d, sampleShape, null, false);
  }

  /** Wraps networks restored from a checkpoint. */
  public static GanModel of(MultiLayerNetwork generator, MultiLayerNetwork discriminator, DatasetInfo data) {
    return new GanModel(generator, discriminator, sampleShape(data), null, false);
  }

  /**
   * For each entry of the config's discriminator layer list, the index of the last DL4J layer it
   * assembled to (a config layer may add several, or only a preprocessor: then the previous one).
   */
  public static int[] discriminatorLayerEnds(GanConfig config, PluginRegistry registry, DatasetInfo data,
      DataType dataType) {
    int[] ends = new int[config.discriminator().layers().size()];
    assemble(registry, RunContext.of(config.seed(), dataType, data), NetworkRole.DISCRIMINATOR,
        config.discriminator(), dataInputType(packedShape(sampleShape(data), config.training().pack())),
        config.seed() + 1, ends);
    return ends;
  }

  private static NetworkAssembler assemble(PluginRegistry registry, RunContext context, NetworkRole role,
      NetworkConfig network, InputType input, long seed) {
    return assemble(registry, context, role, network, input, seed, new int[network.layers().size()]);
  }

  /** Assembles {@code network}, writing into {@code layerEnds[i]} the last DL4J layer of config layer i. */
  private static NetworkAssembler assemble(PluginRegistry registry, RunContext context, NetworkRole role,
      NetworkConfig network, InputType input, long seed, int[] layerEnds) {
    NetworkAssembler assembler = new NetworkAssembler(
        role, context.dataType(), input, seed, network.optimizer().toUpdater(1.0));
    List<LayerConfig> layers = network.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = registry.create(PluginKind.LAYER, layers.get(i), context.forRole(role));
      try {
        layer.appendTo(assembler);
      } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
        throw new GanForgeException(GanForgeException.USAGE,
            roleName(role) + ".layers[" + i + "]: " + e.getMessage()
                + " (input to this layer: " + assembler.currentType() + ")", e);
      }
      layerEnds[i] = assembler.size() - 1;
    }
    return assembler;
  }

  static long[] sampleShape(DatasetInfo data) {
    return data.sampleShape().stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * What the discriminator sees per sample under PacGAN packing: {@code pack} samples concatenated
   * along their first axis (features of a vector, channels of an image).
   */
  static long[] packedShape(long[] sampleShape, int pack) {
    long[] packed = sampleShape.clone();
    packed[0] *= pack;
    return packed;
  }

  static InputType dataInputType(long[] sampleShape) {
    return switch (sampleShape.length) {
      case 1 -> InputType.feedForward(sampleShape[0]);
      case 3 -> InputType.convolutional(sampleShape[1], sampleShape[2], sampleShape[0]);
      default -> throw new IllegalArgumentException("unsupported sample shape " + Arrays.toString(sampleShape));
    };
  }

  private static void checkGeneratorOutput(InputType output, long[] sampleShape) {
    long produced = output.arrayElementsPerExample();
    long wanted = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    if (produced != wanted) {
      throw new GanForgeException(GanForgeException.USAGE,
          "generator.layers: the generator produces " + output + " (" + produced + " values per sample) but "
              + "the data's samples have shape " + Arrays.toString(sampleShape) + " (" + wanted + " values); "
              + "change the last generator layer to produce " + wanted + " values");
    }
  }

  private static void checkDiscriminatorOutput(NetworkAssembler discriminator) {
    InputType output = discriminator.currentType();
    if (output.getType() != InputType.Type.FF || output.arrayElementsPerExample() != 1) {
      throw new GanForgeException(GanForgeException.USAGE,
          "discriminator.layers: the discriminator must end in one score per sample (e.g. "
              + "{type: dense, units: 1}), but it produces " + output);
    }
    var layers = discriminator.configuration().getConfs();
    var last = layers.get(layers.size() - 1).getLayer();
    if (last instanceof BaseLayer base && base.getActivationFn() != null
        && !(base.getActivationFn() instanceof ActivationIdentity)) {
      throw new GanForgeException(GanForgeException.USAGE,
          "discriminator.layers[" + (layers.size() - 1) + "]: the last layer must output raw scores "
              + "(activation identity, the default): the loss applies its own sigmoid or margin; got "
              + base.getActivationFn());
    }
  }

  private static String roleName(NetworkRole role) {
    return role == NetworkRole.GENERATOR ? "generator" : "discriminator";
  }

  /** The generator network. */
  public MultiLayerNetwork generator() {
    return generator;
  }

  /** The discriminator network: its parameters, updater and statistics are the critic's. */
  public MultiLayerNetwork discriminator() {
    return discriminator;
  }

  /** The discriminator's twin, sharing its parameter array (see the class comment). */
  MultiLayerNetwork discriminatorTwin() {
    return discriminatorTwin;
  }

  /** The shape of one data sample. */
  public long[] sampleShape() {
    return sampleShape.clone();
  }

  /**
   * Data-shaped samples from latent codes, in inference mode (running normalization statistics), from
   * the averaged generator when EMA sampling is on.
   */
  public INDArray sample(INDArray latent) {
    MultiLayerNetwork source = sampleFromAverage ? averagedGenerator : generator;
    INDArray out = source.output(latent, false);
    Activations.release(source);
    return toDataShape(out);
  }

  /** {@code [n, ...]} reshaped to {@code [n, ...sampleShape]}. */
  INDArray toDataShape(INDArray generated) {
    long[] shape = new long[sampleShape.length + 1];
    shape[0] = generated.size(0);
    System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
    return Arrays.equals(generated.shape(), shape) ? generated : generated.reshape('c', shape);
  }
}
