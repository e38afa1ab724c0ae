package dev.ganforge.api.schedule;

import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.Experimental;
import dev.ganforge.api.PublicApi;

/**
 * What one iteration does: first {@code discriminatorSteps} discriminator updates, then
 * {@code generatorSteps} generator updates.
 *
 * @param discriminatorSteps discriminator updates this iteration (n-critic), at least 0
 * @param generatorSteps generator updates this iteration, at least 0
 * @param discriminatorLearningRateFactor multiplies the discriminator optimizer's configured learning
 *     rate (warm-up, decay); 1 keeps it
 * @param generatorLearningRateFactor multiplies the generator optimizer's configured learning rate
 * @param unrollSteps for unrolled GANs (Metz et al. 2017): discriminator steps the generator's update
 *     looks ahead on a copy of the discriminator; 0 for none
 */
@PublicApi
public record StepPlan(
    int discriminatorSteps,
    int generatorSteps,
    double discriminatorLearningRateFactor,
    double generatorLearningRateFactor,
    @Experimental int unrollSteps) {

  /** Rejects negative counts and factors, naming the component. */
  public StepPlan {
    ConfigChecks.nonNegative("discriminatorSteps", discriminatorSteps);
    ConfigChecks.nonNegative("generatorSteps", generatorSteps);
    ConfigChecks.nonNegative("discriminatorLearningRateFactor", discriminatorLearningRateFactor);
    ConfigChecks.nonNegative("generatorLearningRateFactor", generatorLearningRateFactor);
    ConfigChecks.nonNegative("unrollSteps", unrollSteps);
  }

  /** A plan at the configured learning rates, without unrolling. */
  public static StepPlan of(int discriminatorSteps, int generatorSteps) {
    return new StepPlan(discriminatorSteps, generatorSteps, 1.0, 1.0, 0);
  }
}
