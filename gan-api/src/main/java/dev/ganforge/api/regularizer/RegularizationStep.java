package dev.ganforge.api.regularizer;

import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.PublicApi;
import dev.ganforge.api.RandomSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a {@link Regularizer} sees when it computes a {@link Penalty}. */
@PublicApi
public interface RegularizationStep {

  /** The training step (0-based). */
  long step();

  /** The real batch of this step. */
  INDArray realBatch();

  /** The (detached) generated batch of this step. */
  INDArray fakeBatch();

  /** The discriminator, for scores and gradients at any input. */
  Critic critic();

  /** The parameters of the network being regularized ({@link Regularizer#network()}). */
  NetworkParameters parameters();

  /** The run's random source (interpolation coefficients, perturbations). */
  RandomSource random();

  /**
   * Records a count about this penalty (how often a fallback ran, say), logged in metrics.jsonl as
   * {@code penalty/<type>/<name>}, summed over the iteration's updates. Steps made outside a run (tests)
   * may ignore it.
   */
  default void record(String name, double value) {}
}
