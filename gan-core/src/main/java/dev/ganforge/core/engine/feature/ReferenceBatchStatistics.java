package dev.ganforge.core.engine.feature;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.layer.ReferenceNormalized;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.TrainingFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Virtual batch norm's reference batches (Salimans et al. 2016): at the start of every iteration, each
 * network with {@link ReferenceNormalized} layers sees its fixed reference batch with recording on, so
 * those layers hold statistics of the current weights. The batches are made once from the run's seed
 * and fixed data, so a resumed run uses the same ones; the recorded statistics are parameters, saved
 * with every checkpoint.
 */
public final class ReferenceBatchStatistics implements TrainingFeature {
  /** The reference batch of each network that has reference-normalized layers. */
  private final Map<NetworkRole, INDArray> references;

  /** Records with {@code references}: latent codes for the generator, real samples (packed) for D. */
  public ReferenceBatchStatistics(Map<NetworkRole, INDArray> references) {
    this.references = Map.copyOf(references);
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
  public static int sizeFor(MultiLayerNetwork network) {
    return layersOf(network).stream().mapToInt(ReferenceNormalized::referenceSize).max().orElse(0);
  }

  @Override
  public void beforeIteration(Iteration iteration) {
    for (NetworkRole role : new NetworkRole[] {NetworkRole.GENERATOR, NetworkRole.DISCRIMINATOR}) {
      INDArray reference = references.get(role);
      if (reference != null) {
        record(iteration.network(role), reference);
      }
    }
  }

  /** Passes the reference batch through with recording on (inference mode: no noise, no updates). */
  private static void record(MultiLayerNetwork network, INDArray reference) {
    List<ReferenceNormalized> layers = layersOf(network);
    layers.forEach(layer -> layer.setRecordingReference(true));
    try {
      network.output(reference, false);
    } finally {
      layers.forEach(layer -> layer.setRecordingReference(false));
    }
  }
}
