package com.example.ganplugin;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.api.schedule.TrainingScheduleProvider;

/**
 * An example training procedure: the critic schedule of the WGAN authors' code (Arjovsky et al. 2017),
 * which trains the critic {@code warmupSteps} (100) times per generator step for the first
 * {@code warmupIterations} (25) iterations and every {@code warmupEvery} (500) iterations, so that the
 * critic is near its optimum when the generator reads its gradient, and {@code criticSteps} (5) times
 * otherwise.
 *
 * <p>A schedule calls the engine's primitives on the {@link Iteration} it is handed; it decides from the
 * step alone, so a resumed run makes the same decisions.
 */
public final class CriticWarmupSchedule implements TrainingSchedule {
  private final Config config;

  CriticWarmupSchedule(Config config) {
    this.config = config;
  }

  /** The critic steps of iteration {@code step}. */
  int criticSteps(long step) {
    boolean warmup = step < config.warmupIterations() || step % config.warmupEvery() == 0;
    return warmup ? config.warmupSteps() : config.criticSteps();
  }

  @Override
  public void iterate(Iteration iteration) {
    for (int i = 0; i < criticSteps(iteration.step()); i++) {
      iteration.discriminatorStep();
    }
    iteration.generatorStep();
  }

  /** Config of {@code critic-warmup}. */
  public record Config(
      @JsonPropertyDescription("Critic steps per generator step after the warm-up.") Integer criticSteps,
      @JsonPropertyDescription("Critic steps per generator step while warming up.") Integer warmupSteps,
      @JsonPropertyDescription("Iterations warmed up at the start of the run.") Integer warmupIterations,
      @JsonPropertyDescription("Warm up again every this many iterations.") Integer warmupEvery)
      implements ScheduleConfig {
    public Config {
      ConfigChecks.positive("criticSteps", criticSteps);
      ConfigChecks.positive("warmupSteps", warmupSteps);
      ConfigChecks.nonNegative("warmupIterations", warmupIterations);
      ConfigChecks.positive("warmupEvery", warmupEvery);
      criticSteps = criticSteps == null ? 5 : criticSteps;
      warmupSteps = warmupSteps == null ? 100 : warmupSteps;
      warmupIterations = warmupIterations == null ? 25 : warmupIterations;
      warmupEvery = warmupEvery == null ? 500 : warmupEvery;
    }
  }

  /** Registers {@code critic-warmup}. */
  @AutoService(TrainingScheduleProvider.class)
  public static final class Provider implements TrainingScheduleProvider<Config> {
    @Override
    public String type() {
      return "critic-warmup";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public TrainingSchedule create(Config config, PluginContext context) {
      return new CriticWarmupSchedule(config);
    }

    @Override
    public String description() {
      return "Example plugin: WGAN's critic warm-up (100 critic steps early on and every 500 iterations).";
    }
  }
}
