package dev.ganforge.core.data;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch of real data.
 *
 * @param features the samples
 * @param labels one-hot class labels {@code [n, classes]} for labelled data
 */
public record Batch(INDArray features, Optional<INDArray> labels) {
  public Batch {
    requireNonNull(features, "features");
    requireNonNull(labels, "labels");
  }
}
