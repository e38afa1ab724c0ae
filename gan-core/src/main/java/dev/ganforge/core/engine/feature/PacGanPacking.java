package dev.ganforge.core.engine.feature;

import dev.ganforge.api.schedule.TrainingFeature;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PacGAN (Lin et al. 2018), {@code training.pack}: the discriminator judges packs of {@code pack}
 * samples, {@code [n, d, ...]} seen as {@code [n / pack, pack * d, ...]} with consecutive samples
 * concatenated along the first sample axis (a vector's features, an image's channels). A row-major
 * reshape, so gradients map back by reshaping. The discriminator is assembled for the packed shape.
 */
public final class PacGanPacking implements TrainingFeature {
  private final int pack;

  public PacGanPacking(int pack) {
    this.pack = pack;
  }

  @Override
  public INDArray discriminatorBatch(INDArray batch) {
    if (pack == 1) {
      return batch;
    }
    long[] shape = batch.shape().clone();
    shape[0] /= pack;
    shape[1] *= pack;
    return batch.reshape('c', shape);
  }
}
