package dev.ganforge.losses;

import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.NetworkRole;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The discriminator's parameters as one flat row vector whose entries are trainable where
 * {@code trainable} is 1 (the engine's view does the same over a real network's layers).
 */
record FlatParameters(INDArray all, INDArray trainableMask) implements NetworkParameters {

  /** Every entry trainable. */
  static FlatParameters of(INDArray all) {
    return new FlatParameters(all, all.ulike().assign(1));
  }

  @Override
  public NetworkRole role() {
    return NetworkRole.DISCRIMINATOR;
  }

  /** Each maximal run of trainable entries, as a view. */
  @Override
  public List<INDArray> trainable() {
    INDArray row = all.reshape(1, all.length());
    List<INDArray> views = new ArrayList<>();
    long start = -1;
    for (long i = 0; i <= all.length(); i++) {
      boolean trainable = i < all.length() && trainableMask.getDouble(i) != 0;
      if (trainable && start < 0) {
        start = i;
      } else if (!trainable && start >= 0) {
        views.add(row.get(NDArrayIndex.point(0), NDArrayIndex.interval(start, i)));
        start = -1;
      }
    }
    return views;
  }

  @Override
  public INDArray parameter(String layerName, String key) {
    throw new UnsupportedOperationException("a flat parameter vector has no layers");
  }
}
