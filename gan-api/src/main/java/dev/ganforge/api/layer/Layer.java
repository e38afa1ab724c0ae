package dev.ganforge.api.layer;

import dev.ganforge.api.PublicApi;

/**
 * One entry of a network's layer list, turned into DL4J layers when the network is assembled.
 *
 * <p>A layer appends one or more DL4J layer configurations (stock layers, subclasses of them, or custom
 * DL4J layers) to the {@link NetworkAssembly}, which knows the type of the activations arriving from the
 * layers before it. Layers that keep non-trainable state updated during training keep it as a DL4J
 * parameter with a {@code NoOp} updater (so checkpoints hold it and it is not among the
 * {@link dev.ganforge.api.NetworkParameters#trainable()} parameters) and update it in their DL4J layer's
 * training-mode forward pass, as {@code spectral-dense} does with its power-iteration vector.
 */
@PublicApi
public interface Layer {

  /** Appends this layer's DL4J configuration(s) to the network being assembled. */
  void appendTo(NetworkAssembly network);
}
