package dev.ganforge.api;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Random numbers owned by the run. Plugins draw all randomness from here (never from {@code Math.random},
 * {@code new Random()} or ND4J's global generator) so that a run is reproducible for a given seed and
 * resumes exactly from a checkpoint.
 */
@PublicApi
public interface RandomSource {

  /** Independent standard normal samples. */
  INDArray normal(DataType dataType, long... shape);

  /** Independent samples, uniform on {@code [low, high)}. */
  INDArray uniform(DataType dataType, double low, double high, long... shape);

  /** One uniform sample on {@code [0, 1)}. */
  double nextDouble();

  /** One uniform integer on {@code [0, bound)}. */
  int nextInt(int bound);
}
