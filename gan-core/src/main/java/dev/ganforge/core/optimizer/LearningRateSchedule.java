package dev.ganforge.core.optimizer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.InvalidConfigException;

/**
 * A network's learning rate over time, as a factor of its optimizer's {@code learningRate}: an optional
 * linear warm-up, then constant, linear decay or step decay. The factor multiplies whatever the training
 * schedule asks for, so it composes with TTUR (different base rates per network) and with schedules
 * that scale learning rates themselves. Linear decay ends at the run's last step, {@code training.steps}:
 * extending a run with {@code gan resume --steps} stretches the remaining decay.
 *
 * <pre>
 *   generator:
 *     optimizer: {type: adam, learningRate: 1e-3}
 *     learningRateSchedule: {warmupSteps: 500, decay: linear, decayStart: 10000, finalFactor: 0.1}
 * </pre>
 */
public record LearningRateSchedule(
    @JsonPropertyDescription("Ramp the factor linearly from 1/warmupSteps up to 1 over the first warmupSteps "
        + "steps; 0 for none.") Integer warmupSteps,
    @JsonPropertyDescription("After warm-up: constant, linear (from 1 at decayStart to finalFactor at the last "
        + "step) or step (times stepFactor every stepEvery steps after decayStart).") Decay decay,
    @JsonPropertyDescription("Step at which decay begins; default the end of warm-up.") Integer decayStart,
    @JsonPropertyDescription("linear decay: the factor reached at the last training step.") Double finalFactor,
    @JsonPropertyDescription("step decay: steps between reductions.") Integer stepEvery,
    @JsonPropertyDescription("step decay: the factor applied at each reduction.") Double stepFactor) {

  /** The shape of the decay after warm-up. */
  public enum Decay {
    /** No decay. */
    @JsonProperty("constant")
    CONSTANT,
    /** Linear from 1 at {@code decayStart} to {@code finalFactor} at the last step. */
    @JsonProperty("linear")
    LINEAR,
    /** Multiply by {@code stepFactor} every {@code stepEvery} steps after {@code decayStart}. */
    @JsonProperty("step")
    STEP
  }

  /** Constant: the optimizer's rate throughout. */
  public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(null, null, null, null, null, null);

  public LearningRateSchedule {
    ConfigChecks.nonNegative("warmupSteps", warmupSteps);
    ConfigChecks.nonNegative("decayStart", decayStart);
    ConfigChecks.inRange("finalFactor", finalFactor, 0, 1);
    ConfigChecks.positive("stepEvery", stepEvery);
    ConfigChecks.inRange("stepFactor", stepFactor, 0, 1);
    warmupSteps = warmupSteps == null ? 0 : warmupSteps;
    decay = decay == null ? Decay.CONSTANT : decay;
    decayStart = decayStart == null ? warmupSteps : decayStart;
    if (decayStart < warmupSteps) {
      throw new InvalidConfigException("decayStart", "decay would begin at step " + decayStart
          + ", during the " + warmupSteps + " warm-up steps; set decayStart to at least " + warmupSteps);
    }
    finalFactor = finalFactor == null ? 0.0 : finalFactor;
    stepFactor = stepFactor == null ? 0.1 : stepFactor;
    if (decay == Decay.STEP && stepEvery == null) {
      throw new InvalidConfigException("stepEvery", "step decay needs stepEvery (steps between reductions)");
    }
    stepEvery = stepEvery == null ? 1 : stepEvery;
  }

  /** The factor for the 0-based {@code step} of a run of {@code totalSteps}. */
  public double factor(long step, long totalSteps) {
    double factor = 1.0;
    if (step < warmupSteps) {
      factor = (step + 1.0) / warmupSteps;
    }
    if (step >= decayStart) {
      factor *= switch (decay) {
        case CONSTANT -> 1.0;
        case LINEAR -> {
          long span = Math.max(1, totalSteps - 1 - decayStart);
          double progress = Math.min(1.0, (step - decayStart) / (double) span);
          yield 1.0 + (finalFactor - 1.0) * progress;
        }
        case STEP -> Math.pow(stepFactor, (step - decayStart) / stepEvery);
      };
    }
    return factor;
  }
}
