package dev.ganforge.core.engine;

import dev.ganforge.api.layer.LabelConditioned;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hands class labels to the {@link LabelConditioned} layers of a network before a forward pass: the
 * side input of a conditional GAN. Labels reach layers this way rather than as a second network input
 * because they are discrete and never differentiated, so a plain chain of layers (a
 * {@link MultiLayerNetwork}) can stay the engine's only network shape.
 */
final class Conditioning {
  private Conditioning() {}

  /** Whether any layer of {@code network} reads labels. */
  static boolean isConditioned(MultiLayerNetwork network) {
    for (Layer layer : network.getLayers()) {
      if (layer instanceof LabelConditioned) {
        return true;
      }
    }
    return false;
  }

  /** Gives {@code labels} (one-hot, {@code [batch, classes]}; null for none) to every label-reading layer. */
  static void setLabels(MultiLayerNetwork network, INDArray labels) {
    if (labels == null) {
      return;
    }
    INDArray cast = labels.dataType() == network.params().dataType()
        ? labels : labels.castTo(network.params().dataType());
    for (Layer layer : network.getLayers()) {
      if (layer instanceof LabelConditioned conditioned) {
        conditioned.setConditioningLabels(cast);
      }
    }
  }
}
