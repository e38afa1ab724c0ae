package dev.ganforge.core.run;

import dev.ganforge.api.listener.RunAlert;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.core.config.AlertsConfig;
import dev.ganforge.core.engine.TrainingDivergedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The config's {@code alerts.policy}, applied to what the {@link FailureMonitor} raised in an iteration
 * and to a NaN or infinite loss: {@code warn} goes on, {@code stop} writes a checkpoint and stops,
 * {@code rollback} returns to the newest checkpoint from before the symptom's window with lower learning
 * rates. Every alert reaches the listeners with the action taken. It hears an iteration after every
 * other listener, so a rollback never leaves a listener between two states of the run.
 */
final class AlertPolicy implements RunListener {
  /** Returns the run to a checkpoint with its learning rates multiplied by {@code factor}. */
  interface Rollback {
    void to(String checkpoint, double factor);
  }

  private final Supplier<AlertsConfig> config;
  private final FailureMonitor monitor;
  private final Checkpoints checkpoints;
  private final Path configFile;
  private final Runnable writeCheckpoint;
  private final Rollback rollback;
  private final RunListener events;
  private List<FailureMonitor.Alert> pending = List.of();
  private int rollbacks;

  AlertPolicy(Supplier<AlertsConfig> config, FailureMonitor monitor, Checkpoints checkpoints, Path configFile,
      Runnable writeCheckpoint, Rollback rollback, RunListener events) {
    this.config = config;
    this.monitor = monitor;
    this.checkpoints = checkpoints;
    this.configFile = configFile;
    this.writeCheckpoint = writeCheckpoint;
    this.rollback = rollback;
    this.events = events;
  }

  /**
   * Hands an iteration's scalars to the monitor, which adds its diagnostics to them, and holds the
   * alerts it raises until the iteration has been heard.
   */
  void observe(long step, Map<String, Double> scalars) {
    pending = monitor.observe(step, scalars);
  }

  @Override
  public void onIteration(long step, Map<String, Double> scalars) {
    List<FailureMonitor.Alert> alerts = pending;
    pending = List.of();
    for (FailureMonitor.Alert alert : alerts) {
      if (handle(alert)) {
        break; // rolled back: the rest of this iteration's alerts are about a past that is gone
      }
    }
  }

  /** A NaN or infinite loss: rolled back under the rollback policy, otherwise the run stops on it. */
  void diverged(TrainingDivergedException e) {
    if (config.get().policy() != AlertsConfig.Policy.ROLLBACK) {
      Optional<String> latest = checkpoints.latest();
      String last = latest.map(name -> "The last good checkpoint is " + name + " in " + checkpoints.directory()
          + "; lower the learning rates in " + configFile + " before resuming the run")
          .orElse("No checkpoint was written before it; lower the learning rates and train again");
      throw new TrainingDivergedException(e.step(), e.getMessage() + "; nothing from that step was written. " + last,
          latest.isPresent() ? configFile.getParent() : null);
    }
    handle(new FailureMonitor.Alert(e.step(), null, e.getMessage()));
  }

  /**
   * A finite loss beyond {@code alerts.divergeAbove} at {@code step}: it diverged as a NaN would, but the
   * weights went bad over several steps, so a rollback returns to before the window, as for the other
   * alerts; under any other policy the run stops as on a NaN.
   */
  void exploded(long step, String what) {
    if (config.get().policy() != AlertsConfig.Policy.ROLLBACK) {
      diverged(new TrainingDivergedException(step, what));
    }
    handle(new FailureMonitor.Alert(step, FailureMonitor.Kind.EXPLODING_LOSS, what));
  }

  /** Applies the policy to {@code alert} (a null kind: a NaN or infinite loss); true when it rolled back. */
  private boolean handle(FailureMonitor.Alert alert) {
    String kind = alert.kind() == null ? "not-finite" : alert.kind().logName();
    AlertsConfig alerts = config.get();
    if (alerts.policy() == AlertsConfig.Policy.WARN) {
      events.onAlert(new RunAlert(alert.step(), kind, alert.message(), "warned"));
      return false;
    }
    Optional<String> target = alerts.policy() == AlertsConfig.Policy.ROLLBACK ? goodCheckpoint(alert, alerts)
        : Optional.empty();
    if (target.isEmpty() || rollbacks >= alerts.maxRollbacks()) {
      String why = alerts.policy() == AlertsConfig.Policy.STOP ? "alerts.policy is stop"
          : rollbacks >= alerts.maxRollbacks() ? "after " + rollbacks + " rollbacks (alerts.maxRollbacks)"
          : "no checkpoint from before the symptom to roll back to";
      if (alert.kind() != null && alert.kind() != FailureMonitor.Kind.EXPLODING_LOSS) {
        writeCheckpoint.run(); // a diverged state is no checkpoint to resume from
      }
      events.onAlert(new RunAlert(alert.step(), kind, alert.message(), "stopped (" + why + ")"));
      throw new TrainingStoppedException(alert.step(), configFile.getParent(), "training stopped at step "
          + alert.step() + ": " + alert.message() + " (" + why + "). Checkpoints are in " + checkpoints.directory()
          + "; lower the learning rates in " + configFile + " before resuming the run");
    }
    rollbacks++;
    double factor = alerts.rollbackFactor();
    events.onAlert(new RunAlert(alert.step(), kind, alert.message(), String.format(Locale.ROOT,
        "rolled back to %s with learning rates x%s (rollback %d of %d)", target.get(), factor, rollbacks,
        alerts.maxRollbacks())));
    rollback.to(target.get(), factor);
    return true;
  }

  /**
   * The newest checkpoint from before the window in which the symptom showed (the untrained step 0 at the
   * latest); a NaN or infinite loss shows at once, so any checkpoint from before its step will do.
   */
  private Optional<String> goodCheckpoint(FailureMonitor.Alert alert, AlertsConfig alerts) {
    long before = alert.kind() == null ? alert.step() - 1 : Math.max(0, alert.step() - alerts.window());
    return checkpoints.list().stream()
        .filter(name -> Long.parseLong(name.substring("step-".length())) <= before)
        .reduce((first, second) -> second);
  }
}
