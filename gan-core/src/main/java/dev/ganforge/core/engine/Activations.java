package dev.ganforge.core.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Frees the activations a network stores for backpropagation. */
final class Activations {
  private Activations() {}

  /**
   * Releases each layer's stored input and activations. Not {@code MultiLayerNetwork.clear()}: in DL4J
   * 1.0.0-M2.1 that also discards the network's updater, so Adam's moment estimates would restart from
   * zero at every step (checked: the updater state reads all zeros after clear()).
   */
  static void release(MultiLayerNetwork network) {
    for (Layer layer : network.getLayers()) {
      layer.clear();
    }
  }
}
