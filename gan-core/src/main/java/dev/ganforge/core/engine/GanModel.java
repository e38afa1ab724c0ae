package dev.ganforge.core.engine;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.config.NetworkConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
  static {
    LayerHelpers.enable(); // before any network is instantiated
  }

  private final MultiLayerNetwork generator;
  private final MultiLayerNetwork discriminator;
  private final MultiLayerNetwork discriminatorTwin;
  private final long[] sampleShape;
  /** The network samples are drawn from: the generator, or a feature's stand-in (its weight average). */
  private final MultiLayerNetwork samplingGenerator;
  /** The number of classes the generator is conditioned on; 0 for an unconditional model. */
  private final int classCount;

  private GanModel(MultiLayerNetwork generator, MultiLayerNetwork discriminator, long[] sampleShape,
      MultiLayerNetwork samplingGenerator, int classCount) {
    this.generator = requireNonNull(generator, "generator");
    this.discriminator = requireNonNull(discriminator, "discriminator");
    this.sampleShape = sampleShape.clone();
    this.classCount = classCount;
    this.discriminatorTwin = new MultiLayerNetwork(discriminator.getLayerWiseConfigurations().clone());
    // false: the twin's parameters are views into the discriminator's own array, not a copy.
    this.discriminatorTwin.init(discriminator.params(), false);
    this.samplingGenerator = samplingGenerator == null ? generator : samplingGenerator;
  }

  /**
   * This model drawing its samples from {@code samplingGenerator} (a network of the generator's shape,
   * such as its weight average); from the generator itself when null.
   */
  public GanModel withSamplingGenerator(MultiLayerNetwork samplingGenerator) {
    return new GanModel(generator, discriminator, sampleShape, samplingGenerator, classCount);
  }

  /** The network samples are drawn from: the generator, or its weight average when EMA sampling is on. */
  public MultiLayerNetwork samplingGenerator() {
    return samplingGenerator;
  }

  /**
   * Assembles both networks from the config's layer lists with the layer plugins, and checks that they
   * fit the data: the generator's output has the data's shape (or its element count), the
   * discriminator ends in one raw score per sample.
   *
   * @throws ModelException naming what does not fit
   */
  public static GanModel assemble(GanConfig config, PluginRegistry registry, DatasetInfo data, DataType dataType) {
    Checked checked = checked(config, registry, data, dataType);
    MultiLayerNetwork g = new MultiLayerNetwork(checked.generator().configuration());
    g.init();
    MultiLayerNetwork d = new MultiLayerNetwork(checked.discriminator().configuration());
    d.init();
    checkConditioning(g, d, checked.loss(), lossType(registry, config), config, data);
    return new GanModel(g, d, sampleShape(data), null, Conditioning.isConditioned(g) ? data.classCount() : 0);
  }

  /** {@code role}'s network as {@link #assemble} builds it, with the same initial weights. */
  public static MultiLayerNetwork assembleNetwork(GanConfig config, PluginRegistry registry, DatasetInfo data,
      DataType dataType, NetworkRole role) {
    GanConfig training = LazyRegularization.corrected(config, registry, RunContext.of(config.seed(), dataType, data));
    MultiLayerNetwork network = new MultiLayerNetwork(
        configuration(training, registry, data, dataType, role).configuration());
    network.init();
    return network;
  }

  /**
   * Checks what {@link #assemble} checks before it allocates anything: both networks fit the data and the
   * loss, and training them fits in memory. For {@code gan validate}.
   *
   * @throws ModelException naming what does not fit
   */
  public static void check(GanConfig config, PluginRegistry registry, DatasetInfo data, DataType dataType) {
    checked(config, registry, data, dataType);
  }

  /** Both networks' configurations and the loss, checked against the data, the loss and memory. */
  private record Checked(NetworkAssembler generator, NetworkAssembler discriminator, Loss loss) {}

  private static Checked checked(GanConfig config, PluginRegistry registry, DatasetInfo data, DataType dataType) {
    // The networks' optimizers as they train: corrected for lazy regularization, once for both.
    GanConfig training = LazyRegularization.corrected(config, registry, RunContext.of(config.seed(), dataType, data));
    NetworkAssembler generator = configuration(training, registry, data, dataType, NetworkRole.GENERATOR);
    NetworkAssembler discriminator = configuration(training, registry, data, dataType, NetworkRole.DISCRIMINATOR);
    Loss loss = registry.create(PluginKind.LOSS, config.loss(), RunContext.of(config.seed(), dataType, data));
    checkGeneratorOutput(generator.currentType(), sampleShape(data));
    checkDiscriminatorOutput(discriminator, loss.scoresPerSample());
    checkMemory(config, generator, discriminator, dataType);
    return new Checked(generator, discriminator, loss);
  }

  private static NetworkAssembler configuration(GanConfig config, PluginRegistry registry, DatasetInfo data,
      DataType dataType, NetworkRole role) {
    RunContext context = RunContext.of(config.seed(), dataType, data);
    return role == NetworkRole.GENERATOR
        ? assemble(registry, context, role, config.generator(), generatorInput(config), config.seed())
        : assemble(registry, context, role, config.discriminator(), discriminatorInput(config, data),
            config.seed() + 1);
  }

  private static InputType generatorInput(GanConfig config) {
    return InputType.feedForward(config.latent().size());
  }

  private static InputType discriminatorInput(GanConfig config, DatasetInfo data) {
    return dataInputType(packedShape(sampleShape(data), config.training().pack()));
  }

  /**
   * Refuses a model whose training would not fit in memory ({@link TrainingMemory}): D scores a real and
   * a fake batch per step, so its activations count twice.
   */
  private static void checkMemory(GanConfig config, NetworkAssembler generator, NetworkAssembler discriminator,
      DataType dataType) {
    long batch = config.training().batchSize();
    int bytesPerValue = dataType.width();
    double generatorBytes = TrainingMemory.bytes(generator.configuration(), generator.inputType(), batch,
        bytesPerValue);
    double discriminatorBytes = 2 * TrainingMemory.bytes(discriminator.configuration(), discriminator.inputType(),
        batch / config.training().pack(), bytesPerValue);
    double limit = TrainingMemory.limit();
    if (generatorBytes + discriminatorBytes > limit) {
      throw new ModelException("training this model needs about " + TrainingMemory.describe(generatorBytes
          + discriminatorBytes) + " (generator " + TrainingMemory.describe(generatorBytes) + ", discriminator "
          + TrainingMemory.describe(discriminatorBytes) + ", at training.batchSize " + batch + "), more than the "
          + TrainingMemory.describe(limit) + " this process may use; make the layers or training.batchSize "
          + "smaller, or raise the limit (-D" + TrainingMemory.LIMIT_PROPERTY + "=... in GAN_JAVA_OPTS, up to the "
          + "machine's memory)");
    }
  }

  /** Wraps networks restored from a checkpoint. */
  public static GanModel of(MultiLayerNetwork generator, MultiLayerNetwork discriminator, DatasetInfo data) {
    return new GanModel(generator, discriminator, sampleShape(data), null,
        Conditioning.isConditioned(generator) ? data.classCount() : 0);
  }

  /**
   * A conditional model needs labelled data, a generator that reads the label (otherwise it cannot be
   * asked for a class), and no PacGAN packing (a pack would mix several samples' labels).
   */
  private static void checkConditioning(MultiLayerNetwork g, MultiLayerNetwork d, Loss loss, String lossType,
      GanConfig config, DatasetInfo data) {
    boolean generatorConditioned = Conditioning.isConditioned(g);
    boolean discriminatorConditioned = Conditioning.isConditioned(d);
    if (!generatorConditioned && !discriminatorConditioned && !loss.usesLabels()) {
      return;
    }
    String uses = generatorConditioned ? "generator.layers has a label-embedding layer"
        : discriminatorConditioned ? "discriminator.layers has a label-embedding layer"
        : "loss " + lossType + " reads class labels";
    if (data.classCount() <= 0) {
      throw new ModelException("data: " + uses + " (a conditional model), but "
          + "data of type " + data.name() + " has no class labels; use labelled data (fashion-mnist, mnist) "
          + "or remove the conditioning");
    }
    if (!generatorConditioned) {
      throw new ModelException("generator.layers: " + uses + ", so the model is "
          + "conditional, but the generator is never told which class to draw; add "
          + "{type: label-embedding} to generator.layers (first, to embed the label next to the latent code)");
    }
    if (config.training().pack() > 1) {
      throw new ModelException("training.pack: PacGAN packing (pack "
          + config.training().pack() + ") cannot be combined with a conditional model; set pack: 1");
    }
  }

  private static String lossType(PluginRegistry registry, GanConfig config) {
    return registry.typeOf(PluginKind.LOSS, config.loss()).orElse(config.loss().getClass().getSimpleName());
  }

  /** The number of classes samples are drawn for; 0 when the model is unconditional. */
  public int classCount() {
    return classCount;
  }

  /** One-hot labels {@code [n, classCount]} for the given classes. */
  public INDArray oneHot(int[] classes) {
    INDArray labels = Nd4j.zeros(generator.params().dataType(), classes.length, classCount);
    for (int i = 0; i < classes.length; i++) {
      if (classes[i] < 0 || classes[i] >= classCount) {
        throw new ModelException(
            "label " + classes[i] + " is out of range: the model draws classes 0 to " + (classCount - 1));
      }
      labels.putScalar(i, classes[i], 1.0);
    }
    return labels;
  }

  /**
   * The classes of a sample grid of {@code n} images: equal contiguous blocks, class 0 first, so that a
   * grid of {@code classCount} rows has one class per row.
   */
  public int[] gridClasses(int n) {
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = (int) ((long) i * classCount / n);
    }
    return classes;
  }

  /**
   * For each entry of the config's discriminator layer list, the index of the last DL4J layer it
   * assembled to (a config layer may add several, or only a preprocessor: then the previous one).
   */
  public static int[] discriminatorLayerEnds(GanConfig config, PluginRegistry registry, DatasetInfo data,
      DataType dataType) {
    int[] ends = new int[config.discriminator().layers().size()];
    assemble(registry, RunContext.of(config.seed(), dataType, data), NetworkRole.DISCRIMINATOR,
        config.discriminator(), discriminatorInput(config, data), config.seed() + 1, ends);
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
        throw new ModelException(
            roleName(role) + ".layers[" + i + "]: " + e.getMessage()
                + " (input to this layer: " + assembler.currentType() + ")", e);
      }
      layerEnds[i] = assembler.size() - 1;
    }
    if (assembler.hasReferenceBatch()) {
      for (int i = 0; i < layerEnds.length; i++) {
        layerEnds[i]++; // behind the reference batch layer
      }
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
      throw new ModelException(
          "generator.layers: the generator produces " + output + " (" + produced + " values per sample) but "
              + "the data's samples have shape " + Arrays.toString(sampleShape) + " (" + wanted + " values); "
              + "change the last generator layer to produce " + wanted + " values");
    }
  }

  private static void checkDiscriminatorOutput(NetworkAssembler discriminator, int scores) {
    InputType output = discriminator.currentType();
    if (output.getType() != InputType.Type.FF || output.arrayElementsPerExample() != scores) {
      throw new ModelException(scores == 1
          ? "discriminator.layers: the discriminator must end in one score per sample (e.g. "
              + "{type: dense, units: 1}), but it produces " + output
          : "discriminator.layers: the loss reads " + scores + " scores per sample (the adversarial score, "
              + "then one logit per class), so the discriminator must end in {type: dense, units: " + scores
              + "}, but it produces " + output);
    }
    var layers = discriminator.configuration().getConfs();
    var last = layers.get(layers.size() - 1).getLayer();
    if (last instanceof BaseLayer base && base.getActivationFn() != null
        && !(base.getActivationFn() instanceof ActivationIdentity)) {
      throw new ModelException(
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
   * the {@link #samplingGenerator()}. A conditional model draws {@link #gridClasses}.
   */
  public INDArray sample(INDArray latent) {
    return sample(latent, classCount == 0 ? null : oneHot(gridClasses((int) latent.size(0))));
  }

  /** As {@link #sample(INDArray)}, for the given one-hot labels (ignored, and may be null, when unconditional). */
  public INDArray sample(INDArray latent, INDArray labels) {
    MultiLayerNetwork source = samplingGenerator;
    if (classCount > 0) {
      Conditioning.setLabels(source, requireNonNull(labels, "labels of a conditional model"));
    }
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
