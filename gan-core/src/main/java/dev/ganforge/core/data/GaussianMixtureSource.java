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
  private final boolean labelled;
  private final long seed;
  private final DataType dataType;
  private final SplitMixRandom random;
  private long samplesDrawn;

  /**
   * @param name the source's type name, for {@link DatasetInfo#name()}
   * @param centers the mode centres, one row per mode, all of the same dimension
   * @param labelled whether batches carry each sample's mode index as its class label
   */
  GaussianMixtureSource(String name, double[][] centers, double stddev, boolean labelled, long seed,
      DataType dataType) {
    this.name = requireNonNull(name, "name");
    this.centers = requireNonNull(centers, "centers");
    this.stddev = stddev;
    this.labelled = labelled;
    this.seed = seed;
    this.dataType = requireNonNull(dataType, "dataType");
    this.random = SplitMixRandom.stream(seed, "data");
  }

  @Override
  public DatasetInfo info() {
    INDArray modeCenters = Nd4j.createFromArray(centers).castTo(dataType);
    return new DatasetInfo(name, List.of((long) dimension()), labelled ? centers.length : 0,
        Optional.of(modeCenters), stddev);
  }

  @Override
  public Batch next(int size) {
    requirePositive(size);
    int[] modes = new int[size];
    INDArray samples = draw(random, size, modes);
    samplesDrawn += size;
    if (!labelled) {
      return new Batch(samples, Optional.empty());
    }
    INDArray labels = Nd4j.zeros(dataType, size, centers.length);
    for (int i = 0; i < size; i++) {
      labels.putScalar(i, modes[i], 1.0);
    }
    return new Batch(samples, Optional.of(labels));
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
    return draw(SplitMixRandom.stream(seed, "data-fixed"), count, new int[count]);
  }

  /** {@code count} samples; {@code modes[i]} receives the mode sample i was drawn from. */
  private INDArray draw(SplitMixRandom from, int count, int[] modes) {
    int dimension = dimension();
    double[] values = new double[count * dimension];
    for (int i = 0; i < count; i++) {
      modes[i] = from.nextInt(centers.length);
      double[] center = centers[modes[i]];
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
