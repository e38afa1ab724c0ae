package dev.ganforge.core.engine.feature;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.optimizer.LearningRateSchedule;
import java.util.Map;

/**
 * Each network's {@code learningRateSchedule} (warm-up, linear or step decay): before every iteration,
 * sets the network's learning rate to its optimizer's configured rate times the schedule's factor for
 * the step. It is the one writer of learning rates during training, and it writes them from the step
 * alone, so a resumed run, or one whose rates a rollback lowered in its config, sets them again.
 */
public final class LearningRateSchedules implements TrainingFeature {
  private final Map<NetworkRole, LearningRateSchedule> schedules;

  public LearningRateSchedules(LearningRateSchedule generator, LearningRateSchedule discriminator) {
    this.schedules = Map.of(NetworkRole.GENERATOR, generator, NetworkRole.DISCRIMINATOR, discriminator);
  }

  @Override
  public void beforeIteration(Iteration iteration) {
    for (NetworkRole role : new NetworkRole[] {NetworkRole.DISCRIMINATOR, NetworkRole.GENERATOR}) {
      double factor = schedules.get(role).factor(iteration.step(), iteration.totalSteps());
      iteration.setLearningRate(role, iteration.configuredLearningRate(role) * factor);
    }
  }
}
