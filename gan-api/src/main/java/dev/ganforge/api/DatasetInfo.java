package dev.ganforge.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a plugin may know about the training data without reading it.
 *
 * @param name the data source's type name ({@code fashion-mnist}, {@code gaussian-grid}, ...)
 * @param sampleShape the shape of one sample: {@code [channels, height, width]} for images, {@code [d]}
 *     for vectors
 * @param classCount the number of class labels, 0 for unlabelled data
 * @param modeCenters for synthetic mixtures, the mode centres as a {@code [modes, d]} matrix
 * @param modeStddev for synthetic mixtures, the standard deviation around each centre
 */
@PublicApi
public record DatasetInfo(
    String name,
    List<Long> sampleShape,
    int classCount,
    @Experimental Optional<INDArray> modeCenters,
    @Experimental double modeStddev) {

  /** Copies the shape; every component but the mode statistics is required. */
  public DatasetInfo {
    requireNonNull(name, "name");
    sampleShape = List.copyOf(sampleShape);
    requireNonNull(modeCenters, "modeCenters");
  }

  /** The shape of a batch of {@code batchSize} samples. */
  public long[] batchShape(long batchSize) {
    long[] shape = new long[sampleShape.size() + 1];
    shape[0] = batchSize;
    for (int i = 0; i < sampleShape.size(); i++) {
      shape[i + 1] = sampleShape.get(i);
    }
    return shape;
  }
}
