package dev.ganforge.api.schedule;

import dev.ganforge.api.PublicApi;

/**
 * A training procedure: decides what one iteration does, by calling the engine's primitives on the
 * {@link Iteration} it is handed (a discriminator step, a generator step through the discriminator,
 * snapshots, learning rates). It is the plugin kind {@code schedule}, chosen by the config's
 * {@code schedule: {type: ...}}; the built-ins are {@code alternating} (n-critic) and {@code unrolled}.
 *
 * <p>A schedule is also a {@link TrainingFeature}: override its hooks to transform what the
 * discriminator sees, act before each iteration or after each update, or keep state that checkpoints
 * store (a fade-in factor, a curriculum's position).
 *
 * <p>Decisions must be functions of the step and of state returned by {@link #state()}, so that a
 * resumed run makes the same decisions as an uninterrupted one.
 *
 * <pre>{@code
 * // WGAN's critic warm-up (Arjovsky et al. 2017): 100 critic steps early on and every 500 iterations.
 * public void iterate(Iteration iteration) {
 *   int critic = iteration.step() < 25 || iteration.step() % 500 == 0 ? 100 : 5;
 *   for (int i = 0; i < critic; i++) {
 *     iteration.discriminatorStep();
 *   }
 *   iteration.generatorStep();
 * }
 * }</pre>
 */
@PublicApi
public interface TrainingSchedule extends TrainingFeature {

  /** Runs iteration {@link Iteration#step()}: the updates it makes, in order. */
  void iterate(Iteration iteration);
}
