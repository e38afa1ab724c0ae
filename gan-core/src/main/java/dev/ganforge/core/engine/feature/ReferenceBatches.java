package dev.ganforge.core.engine.feature;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.engine.ReferenceBatch;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Virtual batch norm's reference batches (Salimans et al. 2016): a fixed latent batch for the generator
 * and fixed real samples (packed) for the discriminator, made once from the run's seed and written into
 * each network's {@link ReferenceBatch} layer, which reads them ahead of every batch. A resumed run makes
 * the same ones (and its checkpoint holds them anyway); a grown network gets them again.
 */
public final class ReferenceBatches implements TrainingFeature {
  /** The reference batch of each network that has reference-normalized layers. */
  private final Map<NetworkRole, INDArray> references;

  /** Installs {@code references} into {@code model}'s networks. */
  public ReferenceBatches(Map<NetworkRole, INDArray> references, GanModel model) {
    this.references = Map.copyOf(references);
    networkReplaced(NetworkRole.GENERATOR, model.generator());
    networkReplaced(NetworkRole.DISCRIMINATOR, model.discriminator());
  }

  @Override
  public void networkReplaced(NetworkRole role, MultiLayerNetwork network) {
    INDArray reference = references.get(role);
    if (reference != null && ReferenceBatch.rowsOf(network) > 0) {
      ReferenceBatch.install(network, reference);
    }
  }
}
