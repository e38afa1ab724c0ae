package dev.ganforge.api.metric;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.Experimental;
import dev.ganforge.api.PublicApi;
import dev.ganforge.api.RandomSource;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a {@link Metric} can read: the generator, real data, and the run's state. */
@PublicApi
public interface MetricContext {

  /** The training step being evaluated. */
  long step();

  /**
   * Draws {@code count} samples from the generator in inference mode (from its EMA weights when the run
   * keeps them), in data space: {@code [count, ...sampleShape]}, images in {@code [-1, 1]}.
   */
  INDArray generate(int count);

  /** Draws {@code count} samples for the given one-hot labels {@code [count, classes]}. */
  @Experimental
  INDArray generate(int count, INDArray labels);

  /**
   * Reads {@code count} real samples, {@code [count, ...sampleShape]}, independent of the training data
   * position (the same samples on every call).
   */
  INDArray realSamples(int count);

  /**
   * Reads {@code count} real samples the generator never trained on (the test split of an image
   * dataset), the same on every call, for the real-vs-real floor of FID and KID; empty when the data has
   * no held-out split.
   */
  @Experimental
  default Optional<INDArray> heldOutSamples(int count) {
    return Optional.empty();
  }

  /** The training data's description (shape, classes, mode centres of synthetic mixtures). */
  DatasetInfo dataset();

  /** The run's random source. */
  RandomSource random();
}
