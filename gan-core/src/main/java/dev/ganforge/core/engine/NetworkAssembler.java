package dev.ganforge.core.engine;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.layer.NetworkAssembly;
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
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Assembles one network from its layer plugins into a DL4J {@link MultiLayerConfiguration}: a chain of
 * layers, with DL4J inferring each layer's input size and adding the preprocessors it can infer.
 *
 * <p>Workspaces are off: the engine calls {@code backpropGradient} from outside DL4J's own training
 * loop, which otherwise expects a workspace to be open (docs/dl4j-findings.md). {@code miniBatch(false)}: the
 * losses hand back derivatives of the batch mean, so the updater must not divide by the batch size again.
 */
public final class NetworkAssembler implements NetworkAssembly {
  private final NetworkRole role;
  private final DataType dataType;
  private final InputType inputType;
  private final long seed;
  private final IUpdater updater;
  private final List<Layer> layers = new ArrayList<>();
  private final Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
  private InputType current;

  /**
   * @param inputType what the network reads: {@code feedForward(latentSize)} for a generator, the data's
   *     type for a discriminator
   * @param seed seeds DL4J's weight initialisation
   */
  public NetworkAssembler(NetworkRole role, DataType dataType, InputType inputType, long seed, IUpdater updater) {
    this.role = requireNonNull(role, "role");
    this.dataType = requireNonNull(dataType, "dataType");
    this.inputType = requireNonNull(inputType, "inputType");
    this.seed = seed;
    this.updater = requireNonNull(updater, "updater");
    this.current = inputType;
  }

  @Override
  public NetworkRole role() {
    return role;
  }

  @Override
  public DataType dataType() {
    return dataType;
  }

  @Override
  public InputType currentType() {
    return current;
  }

  @Override
  public String append(Layer layer) {
    String name = prefix() + layers.size();
    layer.setLayerName(name);
    layers.add(layer);
    List<InputType> types = configuration().getLayerActivationTypes(inputType);
    current = types.get(types.size() - 1);
    return name;
  }

  @Override
  public List<Layer> appendedLayers() {
    return List.copyOf(layers);
  }

  @Override
  public void appendPreprocessor(InputPreProcessor preprocessor) {
    int next = layers.size();
    InputPreProcessor earlier = preprocessors.get(next);
    preprocessors.put(next, earlier == null ? preprocessor : new ComposableInputPreProcessor(earlier, preprocessor));
    current = preprocessor.getOutputType(current);
  }

  /** What the network reads. */
  public InputType inputType() {
    return inputType;
  }

  /** The number of layers appended so far. */
  public int size() {
    return layers.size();
  }

  /**
   * The DL4J configuration of everything appended (a trailing preprocessor gets an identity layer). A
   * network with {@link ReferenceNormalized} layers starts with a {@link ReferenceBatch} layer, and its
   * last such layer drops the reference rows.
   */
  public MultiLayerConfiguration configuration() {
    List<Layer> all = new ArrayList<>();
    for (Layer layer : layers) {
      all.add(layer.clone());
    }
    if (preprocessors.containsKey(all.size())) {
      all.add(new ActivationLayer.Builder().activation(Activation.IDENTITY).name(prefix() + "out").build());
    }
    int referenceRows = referenceRows(all);
    if (referenceRows > 0) {
      all.add(0, new ReferenceBatch(referenceRows, prefix() + "reference"));
    }
    int offset = referenceRows > 0 ? 1 : 0;
    Map<Integer, InputPreProcessor> shifted = new HashMap<>();
    preprocessors.forEach((index, preprocessor) -> shifted.put(index + offset, preprocessor));
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(dataType)
        .updater(updater)
        .miniBatch(false)
        .trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE)
        .list();
    for (int i = 0; i < all.size(); i++) {
      list.layer(i, all.get(i));
    }
    shifted.forEach(list::inputPreProcessor);
    try {
      return list.setInputType(inputType).build();
    } catch (RuntimeException e) {
      throw new ModelException(
          "cannot assemble the " + roleName() + " (" + all.size() + " layers, input " + inputType + "): "
              + e.getMessage(), e);
    }
  }

  /**
   * The reference size the {@link ReferenceNormalized} layers among {@code layers} (copies) agree on, 0
   * without any; marks the last of them as the one that drops the reference rows.
   */
  private int referenceRows(List<Layer> layers) {
    int rows = 0;
    ReferenceNormalized last = null;
    for (Layer layer : layers) {
      if (layer instanceof ReferenceNormalized normalized) {
        if (rows > 0 && normalized.referenceSize() != rows) {
          throw new ModelException("the " + roleName() + "'s reference-normalized (virtual batch norm) layers "
              + "ask for reference batches of " + rows + " and " + normalized.referenceSize()
              + " samples; they share one reference batch, so give them the same referenceSize");
        }
        rows = normalized.referenceSize();
        normalized.setDropsReference(false);
        last = normalized;
      }
    }
    if (last != null) {
      last.setDropsReference(true);
    }
    return rows;
  }

  /** Whether the assembled network starts with a {@link ReferenceBatch} layer (layer indices shift by one). */
  public boolean hasReferenceBatch() {
    return layers.stream().anyMatch(ReferenceNormalized.class::isInstance);
  }

  private String prefix() {
    return role == NetworkRole.GENERATOR ? "g" : "d";
  }

  private String roleName() {
    return role.name().toLowerCase(java.util.Locale.ROOT);
  }
}
