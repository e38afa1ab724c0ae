package dev.ganforge.core.engine;

import dev.ganforge.api.layer.ReferenceNormalized;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fixed reference batch of a network with {@link ReferenceNormalized} layers (virtual batch norm),
 * passed through it at the start of every training step so that those layers record statistics of the
 * current weights. The batch is made once from the run's seed and fixed data, so a resumed run uses the
 * same one; the recorded statistics are parameters, saved with every checkpoint.
 */
final class ReferenceBatches {
  private final MultiLayerNetwork network;
  private final List<ReferenceNormalized> layers;
  private final INDArray reference;

  private ReferenceBatches(MultiLayerNetwork network, List<ReferenceNormalized> layers, INDArray reference) {
    this.network = network;
    this.layers = layers;
    this.reference = reference;
  }

  /** The reference-normalized layers of {@code network}, in order. */
  static List<ReferenceNormalized> layersOf(MultiLayerNetwork network) {
    List<ReferenceNormalized> found = new ArrayList<>();
    for (Layer layer : network.getLayers()) {
      if (layer instanceof ReferenceNormalized normalized) {
        found.add(normalized);
      }
    }
    return found;
  }

  /** The size of the reference batch {@code network} needs: 0 without reference-normalized layers. */
  static int sizeFor(MultiLayerNetwork network) {
    return layersOf(network).stream().mapToInt(ReferenceNormalized::referenceSize).max().orElse(0);
  }

  /** Records reference statistics for {@code network} from {@code reference} (null: nothing to do). */
  static ReferenceBatches of(MultiLayerNetwork network, INDArray reference) {
    return new ReferenceBatches(network, layersOf(network), reference);
  }

  /** Passes the reference batch through the network with recording on (inference mode: no noise, no updates). */
  void record() {
    if (layers.isEmpty()) {
      return;
    }
    layers.forEach(layer -> layer.setRecordingReference(true));
    try {
      network.output(reference, false);
    } finally {
      layers.forEach(layer -> layer.setRecordingReference(false));
    }
  }
}
