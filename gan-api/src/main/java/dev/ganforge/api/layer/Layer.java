package dev.ganforge.api.layer;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.PublicApi;

/**
 * One entry of a network's layer list, turned into DL4J layers when the network is assembled.
 *
 * <p>A layer appends one or more DL4J layer configurations (stock layers, subclasses of them, or custom
 * DL4J layers) to the {@link NetworkAssembly}, which knows the type of the activations arriving from the
 * layers before it. Layers that keep non-trainable state updated during training keep it as a DL4J
 * parameter (so checkpoints hold it) and update it in their DL4J layer's training-mode forward pass, as
 * {@code spectral-dense} does with its power-iteration vector.
 */
@PublicApi
public interface Layer {

  /** Appends this layer's DL4J configuration(s) to the network being assembled. */
  void appendTo(NetworkAssembly network);

  /**
   * Reserved for layers whose state must change outside their DL4J layer's own forward pass, with access
   * to the network's parameters (by the names {@link NetworkAssembly#append} returned). The engine does
   * not call it yet: update state in the DL4J layer's training-mode forward pass instead (see the class
   * comment).
   */
  @Experimental
  default void beforeTrainingForward(NetworkParameters parameters) {}
}
