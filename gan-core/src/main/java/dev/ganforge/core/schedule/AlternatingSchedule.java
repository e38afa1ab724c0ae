package dev.ganforge.core.schedule;

import com.google.auto.service.AutoService;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.api.schedule.TrainingScheduleProvider;

/**
 * Alternating updates (Goodfellow et al. 2014): every iteration runs {@code discriminatorSteps}
 * discriminator updates, then {@code generatorSteps} generator updates, at the configured learning rates.
 * With {@code discriminatorSteps: 5} it is the n-critic schedule of WGAN (Arjovsky et al. 2017).
 */
public final class AlternatingSchedule implements TrainingSchedule {
  private final int discriminatorSteps;
  private final int generatorSteps;

  public AlternatingSchedule(AlternatingScheduleConfig config) {
    this.discriminatorSteps = config.discriminatorSteps();
    this.generatorSteps = config.generatorSteps();
  }

  @Override
  public void iterate(Iteration iteration) {
    for (int i = 0; i < discriminatorSteps; i++) {
      iteration.discriminatorStep();
    }
    for (int j = 0; j < generatorSteps; j++) {
      iteration.generatorStep();
    }
  }

  /** Registers {@code alternating}. */
  @AutoService(TrainingScheduleProvider.class)
  public static final class Provider implements TrainingScheduleProvider<AlternatingScheduleConfig> {
    @Override
    public String type() {
      return "alternating";
    }

    @Override
    public Class<AlternatingScheduleConfig> configClass() {
      return AlternatingScheduleConfig.class;
    }

    @Override
    public TrainingSchedule create(AlternatingScheduleConfig config, PluginContext context) {
      return new AlternatingSchedule(config);
    }

    @Override
    public String description() {
      return "D steps then G steps every iteration (n-critic with discriminatorSteps > 1).";
    }
  }
}
