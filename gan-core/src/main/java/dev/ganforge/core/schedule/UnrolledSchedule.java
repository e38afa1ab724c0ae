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
 * Unrolled GAN (Metz et al. 2017): after the real discriminator updates, G is updated against D as it
 * will be after {@code unrollSteps} more of its own updates, which discourages G from hopping between
 * modes. By default the gradient is the paper's: the total derivative through the unrolled updates, as
 * the authors' notebook takes it with autodiff ({@link Iteration#unrolledGeneratorStep}: one real and one
 * latent batch for all k steps, D's optimizer and its moments differentiated, second-order terms by
 * Hessian-vector products).
 *
 * <p>{@code firstOrder: true} is a cheaper approximation, not the paper's method: D is snapshotted,
 * trained {@code unrollSteps} look-ahead steps on fresh batches, G's gradient is taken at that look-ahead
 * D with D's parameters held constant (no terms through the updates), and D is restored (parameters,
 * optimizer state, update count, regularizer state).
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
    if (!config.firstOrder()) {
      iteration.unrolledGeneratorStep(config.unrollSteps());
      return;
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
      @JsonPropertyDescription("Real discriminator updates per iteration.") Integer discriminatorSteps,
      @JsonPropertyDescription("Take G's gradient at the look-ahead D without the terms through D's updates "
          + "(a cheaper approximation, not the paper's method); default false: the exact gradient.")
          Boolean firstOrder)
      implements ScheduleConfig {
    public Config {
      ConfigChecks.positive("unrollSteps", unrollSteps);
      ConfigChecks.positive("discriminatorSteps", discriminatorSteps);
      unrollSteps = unrollSteps == null ? 5 : unrollSteps;
      discriminatorSteps = discriminatorSteps == null ? 1 : discriminatorSteps;
      firstOrder = firstOrder != null && firstOrder;
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
      return "Metz et al. 2017: each G update follows its loss's total derivative through unrollSteps "
          + "simulated D updates (firstOrder: a cheaper look-ahead without those terms).";
    }
  }
}
