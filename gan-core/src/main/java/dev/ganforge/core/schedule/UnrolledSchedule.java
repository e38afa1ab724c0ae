package dev.ganforge.core.schedule;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.NetworkSnapshot;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.api.schedule.TrainingScheduleProvider;

/**
 * Unrolled GAN (Metz et al. 2017): after the real discriminator updates, D is snapshotted, trained
 * {@code unrollSteps} more look-ahead steps on fresh batches, G's gradient is taken through that
 * look-ahead D, and D is restored (parameters, optimizer state, update count, regularizer state). G then
 * optimises against where D is heading, which discourages it from hopping between modes. As in the
 * authors' released code for the mixture experiments, the gradient does not flow back through the unrolled
 * updates themselves (no second-order terms: DL4J has no second-order autodiff, see docs/dl4j-findings.md).
 */
public final class UnrolledSchedule implements TrainingSchedule {
  private final Config config;

  public UnrolledSchedule(Config config) {
    this.config = config;
  }

  @Override
  public void iterate(Iteration iteration) {
    for (int i = 0; i < config.discriminatorSteps(); i++) {
      iteration.discriminatorStep();
    }
    NetworkSnapshot before = iteration.snapshot(NetworkRole.DISCRIMINATOR);
    for (int k = 0; k < config.unrollSteps(); k++) {
      iteration.lookAheadDiscriminatorStep();
    }
    iteration.generatorStep();
    before.restore();
  }

  /** Config of {@code unrolled}. */
  public record Config(
      @JsonPropertyDescription("Look-ahead discriminator steps for each generator update (k; the paper "
          + "uses 5 to 10 on the mixtures).") Integer unrollSteps,
      @JsonPropertyDescription("Real discriminator updates per iteration.") Integer discriminatorSteps)
      implements ScheduleConfig {
    public Config {
      ConfigChecks.positive("unrollSteps", unrollSteps);
      ConfigChecks.positive("discriminatorSteps", discriminatorSteps);
      unrollSteps = unrollSteps == null ? 5 : unrollSteps;
      discriminatorSteps = discriminatorSteps == null ? 1 : discriminatorSteps;
    }
  }

  /** Registers {@code unrolled}. */
  @AutoService(TrainingScheduleProvider.class)
  public static final class Provider implements TrainingScheduleProvider<Config> {
    @Override
    public String type() {
      return "unrolled";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public TrainingSchedule create(Config config, PluginContext context) {
      return new UnrolledSchedule(config);
    }

    @Override
    public String description() {
      return "Metz et al. 2017: each G update looks unrollSteps D updates ahead on a copy of D.";
    }
  }
}
