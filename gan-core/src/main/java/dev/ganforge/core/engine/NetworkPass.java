package dev.ganforge.core.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training-mode forward and backward passes through a network whose arrays live in a workspace of the
 * calling thread for one cycle, instead of in fresh native buffers per operation (docs/dl4j-findings.md,
 * "Workspaces for the hand-chained step"). A cycle is what the caller brackets with {@link #open}: the
 * trainer's iteration ({@link #ITERATION}), or one self-contained computation such as a critic's
 * gradient ({@link #SCOPED}). After the first cycles the workspace has learned its size, and a cycle's
 * passes allocate nothing; what a pass returns stays valid until its cycle closes.
 *
 * <p>The passes are DL4J's own {@code ffToLayerActivationsInWs} and {@code calcBackpropGradients} loops
 * over the same layers and preprocessors with the same workspace manager calls, so they compute the same
 * numbers bit for bit (NetworkPassTest). The public {@code feedForward} and {@code backpropGradient}
 * cannot be used instead: on networks whose workspace mode is NONE they refuse to run while any workspace
 * is open, and they detach every result.
 *
 * <p>Between passes no workspace is current, so whatever code outside the networks creates (losses,
 * regularizers, features, plugins) is detached as before and may be kept. Inside a pass, DL4J's own
 * layers get a working-memory workspace reset per layer, as in DL4J's training. Every other layer (this
 * project's and plugins') gets its inputs, outputs and gradients through the workspace manager as well,
 * but computes with no workspace current, as on networks without workspaces: such layers may keep an
 * array from their forward pass for their backward pass, or across passes, which a workspace reset per
 * layer or per cycle would overwrite.
 */
final class NetworkPass {
  private static final String WORKING = "GAN_LAYER_WORKING_MEMORY";
  private static final ArrayType[] WORKING_MEMORY = {ArrayType.FF_WORKING_MEM, ArrayType.BP_WORKING_MEM,
      ArrayType.RNN_FF_LOOP_WORKING_MEM, ArrayType.RNN_BP_LOOP_WORKING_MEM, ArrayType.UPDATER_WORKING_MEM};
  /**
   * As DL4J's WS_ALL_LAYERS_ACT: sized by the first cycle, grown when a later one spills (a larger
   * batch, a grown network), 5% headroom.
   */
  private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
      .initialSize(0).overallocationLimit(0.05).policyLearning(LearningPolicy.FIRST_LOOP)
      .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE)
      .policyAllocation(AllocationPolicy.OVERALLOCATE).build();

  /** The trainer's iteration: G's activations from a D step stay for the G step that reuses its fakes. */
  static final NetworkPass ITERATION = new NetworkPass("GAN_ITERATION");
  /** A computation that opens, runs its passes, copies out its results and closes (critic gradients). */
  static final NetworkPass SCOPED = new NetworkPass("GAN_SCOPED");

  private final String id;
  /** For DL4J's own layers and preprocessors going forward: working memory reset per layer. */
  private final LayerWorkspaceMgr dl4jForward;
  /**
   * The same going backward, where DL4J's layers recompute their pre-activations as ACTIVATIONS: those
   * are working memory too, as in DL4J's calcBackpropGradients.
   */
  private final LayerWorkspaceMgr dl4jBackward;
  /** For every other layer: inputs, outputs and gradients in the cycle's workspace, the rest detached. */
  private final LayerWorkspaceMgr otherLayers;

  private NetworkPass(String id) {
    this.id = id;
    this.dl4jForward = manager(id, id, WORKING);
    this.dl4jBackward = manager(id, WORKING, WORKING);
    this.otherLayers = manager(id, id, null);
  }

  /** {@code working} null: no workspace for working memory (detached, as without workspaces). */
  private static LayerWorkspaceMgr manager(String arrays, String activations, String working) {
    LayerWorkspaceMgr.Builder builder = LayerWorkspaceMgr.builder()
        .with(ArrayType.INPUT, arrays, CONFIG)
        .with(ArrayType.ACTIVATIONS, activations, CONFIG)
        .with(ArrayType.FF_CACHE, arrays, CONFIG)
        .with(ArrayType.ACTIVATION_GRAD, arrays, CONFIG);
    for (ArrayType type : WORKING_MEMORY) {
      if (working == null) {
        builder.noWorkspaceFor(type);
      } else {
        builder.with(type, working, CONFIG);
      }
    }
    return builder.build();
  }

  /** A cycle of passes on this thread; closing it invalidates every array its passes returned. */
  interface Cycle extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Starts a cycle on this thread. The workspace is open but not current until the cycle closes, so code
   * between passes allocates as if there were none.
   *
   * @throws IllegalStateException when a cycle of this kind is already open on this thread
   */
  Cycle open() {
    MemoryWorkspace previous = Nd4j.getMemoryManager().getCurrentWorkspace();
    MemoryWorkspace workspace = workspace();
    if (workspace.isScopeActive()) {
      // Entering an open workspace again would reset it under the arrays still in use.
      throw new IllegalStateException("a " + id + " cycle is already open on this thread");
    }
    workspace.notifyScopeEntered();
    Nd4j.getMemoryManager().setCurrentWorkspace(previous);
    return workspace::close;
  }

  /** Whether a cycle is open on this thread. */
  boolean isOpen() {
    return Nd4j.getWorkspaceManager().checkIfWorkspaceExistsAndActive(id);
  }

  /**
   * A training-mode forward pass that keeps each layer's input for {@link #backward}; returns the
   * output, valid until the cycle closes.
   */
  INDArray forward(MultiLayerNetwork network, INDArray input) {
    requireOpen();
    MultiLayerConfiguration configuration = network.getLayerWiseConfigurations();
    Layer[] layers = network.getLayers();
    network.setInputMiniBatchSize((int) input.size(0));
    INDArray activations = input;
    for (int i = 0; i < layers.length; i++) {
      InputPreProcessor preProcessor = configuration.getInputPreProcess(i);
      if (preProcessor != null) {
        LayerWorkspaceMgr manager = managerFor(preProcessor, false);
        try (MemoryWorkspace working = manager.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
          activations = preProcessor.preProcess(activations, network.getInputMiniBatchSize(), manager);
        }
      }
      LayerWorkspaceMgr manager = managerFor(layers[i], false);
      try (MemoryWorkspace working = manager.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
        activations = layers[i].activate(activations, true, manager);
      }
      if (activations == null) {
        throw new IllegalStateException("layer " + i + " (" + layers[i].getClass().getName()
            + ") returned no activations");
      }
    }
    return activations;
  }

  /**
   * Backpropagates {@code epsilon} (d loss / d output) through the layers {@link #forward} ran: the
   * parameter gradients overwrite the network's gradient buffer, as DL4J's {@code backpropGradient}
   * does. Returns the gradient (views of that buffer, keyed as DL4J keys them) and d loss / d input
   * (or, where a frozen layer stops the pass, d loss / d that layer's output), valid until the cycle
   * closes.
   */
  Pair<Gradient, INDArray> backward(MultiLayerNetwork network, INDArray epsilon) {
    requireOpen();
    if (network.getGradientsViewArray() == null) {
      network.initGradientsView();
    }
    MultiLayerConfiguration configuration = network.getLayerWiseConfigurations();
    Layer[] layers = network.getLayers();
    Gradient result = new DefaultGradient(network.getGradientsViewArray());
    INDArray gradient = epsilon;
    for (int i = layers.length - 1; i >= 0 && !(layers[i] instanceof FrozenLayer); i--) {
      LayerWorkspaceMgr manager = managerFor(layers[i], true);
      Pair<Gradient, INDArray> pair;
      try (MemoryWorkspace working = manager.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
        pair = layers[i].backpropGradient(gradient, manager);
      }
      // Keyed and ordered as DL4J's calcBackpropGradients: the last layer's entries first.
      Gradient own = pair.getFirst();
      for (var entry : own.gradientForVariable().entrySet()) {
        result.setGradientFor(i + "_" + entry.getKey(), entry.getValue(),
            own.flatteningOrderForVariable(entry.getKey()));
      }
      gradient = pair.getSecond();
      InputPreProcessor preProcessor = configuration.getInputPreProcess(i);
      if (preProcessor != null) {
        LayerWorkspaceMgr preManager = managerFor(preProcessor, true);
        try (MemoryWorkspace working = preManager.notifyScopeEntered(ArrayType.BP_WORKING_MEM)) {
          gradient = preProcessor.backprop(gradient, network.getInputMiniBatchSize(), preManager);
        }
      }
    }
    return new Pair<>(result, gradient);
  }

  /**
   * Passes borrow the cycle's workspace through the managers and never make it current: ND4J nests
   * scopes of a current workspace with one counter that borrowing and scoping out also use, and a
   * layer that scopes out inside such a scope leaves the wrong workspace current.
   */
  private void requireOpen() {
    if (!isOpen()) {
      throw new IllegalStateException("a network pass runs inside a cycle (NetworkPass.open); none is open for "
          + id + " on this thread");
    }
  }

  private MemoryWorkspace workspace() {
    return Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(CONFIG, id);
  }

  private LayerWorkspaceMgr managerFor(Object layerOrPreProcessor, boolean backward) {
    if (!layerOrPreProcessor.getClass().getName().startsWith("org.deeplearning4j.")) {
      return otherLayers;
    }
    return backward ? dl4jBackward : dl4jForward;
  }
}
