package dev.ganforge.core.data;

import dev.ganforge.api.DatasetInfo;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Real training data: an endless stream of batches whose position can be saved and restored, so a
 * resumed run reads exactly the batches an uninterrupted one would.
 *
 * <p>A source draws its randomness (shuffling, sampling a distribution) from a stream of its own made
 * from the run's seed, never from ND4J's global generator, which the engine reseeds each step for dropout:
 * then a run is the same whatever order the engine reads data and latent codes in, and resumes exactly.
 *
 * <p>Image sources return {@code [n, channels, height, width]} with pixels in {@code [-1, 1]}; vector
 * sources return {@code [n, d]}. Arrays are in the data type given when the source was opened.
 */
public interface DataSource {

  /** What the data looks like. */
  DatasetInfo info();

  /** The next {@code size} samples (wrapping around, reshuffled each epoch, for finite datasets). */
  Batch next(int size);

  /** Where the stream is, for a checkpoint. */
  DataPosition position();

  /** Continues from a position returned by {@link #position()} of a source opened with the same config and seed. */
  void restore(DataPosition position);

  /**
   * {@code count} samples that are the same on every call and independent of the stream's position:
   * for metrics and sample plots.
   */
  INDArray fixedSamples(int count);
}
