package dev.ganforge.core.data;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.core.random.SplitMixRandom;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An endless stream from a mixture of isotropic Gaussians with equal weights: each sample picks a mode
 * uniformly, then adds {@code N(0, stddev^2)} noise to each coordinate of its centre. The ring and the
 * grid differ only in their centres.
 *
 * <p>The whole stream is driven by one {@link SplitMixRandom}, so its position is the number of samples
 * drawn plus that generator's state.
 */
abstract class GaussianMixtureSource implements DataSource {
  private final String name;
  private final double[][] centers;
  private final double stddev;
  private final long seed;
  private final DataType dataType;
  private final SplitMixRandom random;
  private long samplesDrawn;

  /**
   * @param name the source's type name, for {@link DatasetInfo#name()}
   * @param centers the mode centres, one row per mode, all of the same dimension
   */
  GaussianMixtureSource(String name, double[][] centers, double stddev, long seed, DataType dataType) {
    this.name = requireNonNull(name, "name");
    this.centers = requireNonNull(centers, "centers");
    this.stddev = stddev;
    this.seed = seed;
    this.dataType = requireNonNull(dataType, "dataType");
    this.random = SplitMixRandom.stream(seed, "data");
  }

  @Override
  public DatasetInfo info() {
    INDArray modeCenters = Nd4j.createFromArray(centers).castTo(dataType);
    return new DatasetInfo(name, List.of((long) dimension()), 0, Optional.of(modeCenters), stddev);
  }

  @Override
  public Batch next(int size) {
    requirePositive(size);
    INDArray samples = draw(random, size);
    samplesDrawn += size;
    return new Batch(samples, Optional.empty());
  }

  @Override
  public DataPosition position() {
    return new DataPosition(0, samplesDrawn, random.state());
  }

  @Override
  public void restore(DataPosition position) {
    requireNonNull(position, "position");
    samplesDrawn = position.cursor();
    random.restore(position.randomState());
  }

  /** Drawn from a stream of their own, so they do not depend on, or move, the training stream. */
  @Override
  public INDArray fixedSamples(int count) {
    requirePositive(count);
    return draw(SplitMixRandom.stream(seed, "data-fixed"), count);
  }

  private INDArray draw(SplitMixRandom from, int count) {
    int dimension = dimension();
    double[] values = new double[count * dimension];
    for (int i = 0; i < count; i++) {
      double[] center = centers[from.nextInt(centers.length)];
      for (int d = 0; d < dimension; d++) {
        values[i * dimension + d] = center[d] + stddev * from.nextGaussian();
      }
    }
    return Nd4j.createFromArray(values).reshape(count, dimension).castTo(dataType);
  }

  private int dimension() {
    return centers[0].length;
  }

  static void requirePositive(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("the number of samples must be positive, got " + size);
    }
  }
}
