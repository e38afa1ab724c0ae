package dev.ganforge.core.data;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.core.random.SplitMixRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.LongStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A finite dataset held in memory as one {@code float} array, read in epochs: each epoch visits every
 * sample once, in the order of a Fisher-Yates shuffle driven by a generator seeded from the run's seed
 * and the epoch number. The order can therefore be recomputed from the epoch alone, and a position is
 * just {@code (epoch, cursor)}: no permutation is stored in checkpoints.
 */
abstract class InMemoryDataSource implements DataSource {
  private final String name;
  private final long[] sampleShape;
  private final int sampleLength;
  private final int count;
  private final float[] samples;
  private final int[] labels;
  private final int classCount;
  private final long shuffleSeed;
  private final DataType dataType;

  private long epoch;
  private int cursor;
  private int[] order;

  /**
   * @param sampleShape the shape of one sample, e.g. {@code [channels, height, width]}
   * @param samples the samples one after another, each in row-major order
   * @param labels the class of each sample, or {@code null} for unlabelled data
   */
  InMemoryDataSource(
      String name, long[] sampleShape, float[] samples, int[] labels, long seed, DataType dataType) {
    this.name = requireNonNull(name, "name");
    this.sampleShape = sampleShape.clone();
    this.sampleLength = Math.toIntExact(LongStream.of(sampleShape).reduce(1, Math::multiplyExact));
    this.samples = requireNonNull(samples, "samples");
    this.count = samples.length / sampleLength;
    if (count == 0 || samples.length % sampleLength != 0) {
      throw new IllegalArgumentException(
          samples.length + " values are not a whole, non-zero number of samples of shape "
              + Arrays.toString(sampleShape));
    }
    if (labels != null && labels.length != count) {
      throw new IllegalArgumentException(labels.length + " labels for " + count + " samples");
    }
    this.labels = labels;
    this.classCount = labels == null ? 0 : Arrays.stream(labels).max().orElse(-1) + 1;
    this.shuffleSeed = SplitMixRandom.stream(seed, "data").nextLong();
    this.dataType = requireNonNull(dataType, "dataType");
    this.order = shuffledOrder(0);
  }

  @Override
  public DatasetInfo info() {
    return new DatasetInfo(
        name, Arrays.stream(sampleShape).boxed().toList(), classCount, Optional.empty(), 0.0);
  }

  /** The number of samples in one epoch. */
  int size() {
    return count;
  }

  @Override
  public Batch next(int size) {
    GaussianMixtureSource.requirePositive(size);
    int[] indices = new int[size];
    for (int i = 0; i < size; i++) {
      indices[i] = order[cursor++];
      if (cursor == count) {
        epoch++;
        cursor = 0;
        order = shuffledOrder(epoch);
      }
    }
    return batchOf(indices);
  }

  @Override
  public DataPosition position() {
    return new DataPosition(epoch, cursor, 0);
  }

  @Override
  public void restore(DataPosition position) {
    requireNonNull(position, "position");
    if (position.epoch() < 0 || position.cursor() < 0 || position.cursor() >= count) {
      throw new IllegalArgumentException("cannot restore data position " + position + " of " + name
          + ": the dataset has " + count + " samples, so the cursor must be in [0, " + count + ")");
    }
    epoch = position.epoch();
    cursor = (int) position.cursor();
    order = shuffledOrder(epoch);
  }

  /**
   * The first {@code count} samples in file order.
   *
   * @throws IllegalArgumentException when the dataset has fewer than {@code count} samples
   */
  @Override
  public INDArray fixedSamples(int count) {
    GaussianMixtureSource.requirePositive(count);
    if (count > this.count) {
      throw new IllegalArgumentException(
          "asked for " + count + " fixed samples of " + name + ", which has only " + this.count);
    }
    int[] indices = new int[count];
    Arrays.setAll(indices, i -> i);
    return batchOf(indices).features();
  }

  private Batch batchOf(int[] indices) {
    float[] values = new float[indices.length * sampleLength];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(samples, indices[i] * sampleLength, values, i * sampleLength, sampleLength);
    }
    long[] shape = new long[sampleShape.length + 1];
    shape[0] = indices.length;
    System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
    INDArray features = Nd4j.createFromArray(values).reshape(shape).castTo(dataType);
    if (labels == null) {
      return new Batch(features, Optional.empty());
    }
    float[] oneHot = new float[indices.length * classCount];
    for (int i = 0; i < indices.length; i++) {
      oneHot[i * classCount + labels[indices[i]]] = 1;
    }
    INDArray labelArray =
        Nd4j.createFromArray(oneHot).reshape(indices.length, classCount).castTo(dataType);
    return new Batch(features, Optional.of(labelArray));
  }

  /** Epoch {@code epoch}'s visiting order: a Fisher-Yates shuffle seeded by the run seed and the epoch. */
  private int[] shuffledOrder(long epoch) {
    SplitMixRandom random = new SplitMixRandom(SplitMixRandom.mix(shuffleSeed ^ SplitMixRandom.mix(epoch)));
    int[] shuffled = new int[count];
    Arrays.setAll(shuffled, i -> i);
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = swap;
    }
    return shuffled;
  }
}
