package dev.ganforge.api.schedule;

import dev.ganforge.api.PublicApi;

/**
 * Decides what one training iteration does: how many discriminator and generator updates run, at what
 * fraction of each network's configured learning rate, and how far the generator looks ahead.
 *
 * <p>Schedules must be pure functions of the step (no hidden state), so that a resumed run makes the same
 * decisions as an uninterrupted one.
 */
@PublicApi
public interface TrainingSchedule {

  /** The plan for iteration {@code step} (0-based). */
  StepPlan plan(long step);
}
