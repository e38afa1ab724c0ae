package dev.ganforge.api.regularizer;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PublicApi;
import dev.ganforge.api.RandomSource;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Anything that shapes training beyond the adversarial loss. A regularizer overrides the hooks it needs;
 * each does nothing by default.
 * <ul>
 *   <li>{@link #penalty}: a term added to a network's loss, with its parameter gradient (gradient
 *       penalties WGAN-GP, DRAGAN, R1, R2; historical averaging).</li>
 *   <li>{@link #afterUpdate}: a change made to parameters after an optimizer step (weight clipping).</li>
 *   <li>{@link #discriminatorInput}: a transform of what the discriminator sees (instance noise).</li>
 * </ul>
 */
@PublicApi
public interface Regularizer {

  /** The network whose training this regularizer acts on; the discriminator by default. */
  default NetworkRole network() {
    return NetworkRole.DISCRIMINATOR;
  }

  /**
   * The penalty for one update of {@link #network()}, before the optimizer step. Called every
   * {@link RegularizerConfig#every()} steps; the engine multiplies the result by that interval.
   */
  default Penalty penalty(RegularizationStep step) {
    return Penalty.NONE;
  }

  /** Called after every optimizer step of {@link #network()}, with its live parameters. */
  default void afterUpdate(NetworkParameters parameters, long step) {}

  /**
   * Transforms a batch before the discriminator scores it, in both discriminator and generator steps.
   * Must be differentiable as the identity plus a constant (additive noise), because the engine
   * backpropagates through it unchanged.
   *
   * @param batch the samples, never modified in place
   * @param real whether the batch is real data
   */
  @Experimental
  default INDArray discriminatorInput(INDArray batch, boolean real, long step, RandomSource random) {
    return batch;
  }

  /**
   * Arrays this regularizer carries from step to step (a running average of parameters, say), by a
   * key of its choosing made of letters, digits and dashes. Checkpoints store them and
   * {@link #restoreState} puts them back on resume, so stateful regularizers resume exactly. None by
   * default.
   */
  @Experimental
  default Map<String, INDArray> state() {
    return Map.of();
  }

  /**
   * Restores what {@link #state} returned when the checkpoint was written. Called before training
   * continues, with exactly the keys saved.
   */
  @Experimental
  default void restoreState(Map<String, INDArray> state) {}
}
