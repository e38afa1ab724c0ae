package dev.ganforge.api.layer;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.PublicApi;

/**
 * One entry of a network's layer list, turned into DL4J layers when the network is assembled.
 *
 * <p>A layer appends one or more DL4J layer configurations (stock layers, or SameDiff layers for custom
 * math) to the {@link NetworkAssembly}, which knows the type of the activations arriving from the layers
 * before it. Layers that keep non-trainable state updated during training (the power-iteration vector of
 * spectral normalization) do so in {@link #beforeTrainingForward}.
 */
@PublicApi
public interface Layer {

  /** Appends this layer's DL4J configuration(s) to the network being assembled. */
  void appendTo(NetworkAssembly network);

  /**
   * Called before every training-mode forward pass of the network that holds this layer, with access to
   * its parameters (by the names {@link NetworkAssembly#append} returned). Parameters changed here are
   * part of the checkpoint.
   */
  @Experimental
  default void beforeTrainingForward(NetworkParameters parameters) {}
}
