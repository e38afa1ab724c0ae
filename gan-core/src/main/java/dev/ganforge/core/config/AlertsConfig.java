package dev.ganforge.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Failure detection during training and the policy applied when a failure shows: see
 * {@code dev.ganforge.core.run.FailureMonitor} for what each threshold means.
 */
public record AlertsConfig(
    @JsonPropertyDescription("What to do on an alert: warn (print and log it, go on), stop (checkpoint and stop) "
        + "or rollback (go back to the last checkpoint from before the symptom, lower both learning rates by "
        + "rollbackFactor, go on).") Policy policy,
    @JsonPropertyDescription("Steps over which the D loss's mean and variance and the gradient norms' median "
        + "are taken.") Integer window,
    @JsonPropertyDescription("Alert when the D loss, non-negative over a whole window, averages below this "
        + "(D wins outright; G gets no useful gradient).") Double collapseBelow,
    @JsonPropertyDescription("Alert when a gradient norm exceeds this many times its median over the last "
        + "window.") Double gradientSpike,
    @JsonPropertyDescription("Alert when the D loss's variance over the last window exceeds this many times the "
        + "median of earlier windows' variances.") Double varianceSpike,
    @JsonPropertyDescription("Learning-rate multiplier applied at each rollback.") Double rollbackFactor,
    @JsonPropertyDescription("Rollbacks allowed before the run stops.") Integer maxRollbacks,
    @JsonPropertyDescription("A loss whose magnitude exceeds this has diverged, like a NaN one: the run stops (or, "
        + "under rollback, rolls back) whatever the policy for the other alerts.") Double divergeAbove) {

  /** What an alert does. */
  public enum Policy {
    @JsonProperty("warn")
    WARN,
    @JsonProperty("stop")
    STOP,
    @JsonProperty("rollback")
    ROLLBACK
  }

  public AlertsConfig {
    ConfigChecks.inRange("window", window, 2, Integer.MAX_VALUE);
    ConfigChecks.nonNegative("collapseBelow", collapseBelow);
    ConfigChecks.inRange("gradientSpike", gradientSpike, 1, Double.MAX_VALUE);
    ConfigChecks.inRange("varianceSpike", varianceSpike, 1, Double.MAX_VALUE);
    ConfigChecks.inRange("rollbackFactor", rollbackFactor, Double.MIN_VALUE, 1);
    ConfigChecks.nonNegative("maxRollbacks", maxRollbacks);
    policy = policy == null ? Policy.WARN : policy;
    window = window == null ? 100 : window;
    collapseBelow = collapseBelow == null ? 0.01 : collapseBelow;
    gradientSpike = gradientSpike == null ? 100.0 : gradientSpike;
    varianceSpike = varianceSpike == null ? 25.0 : varianceSpike;
    rollbackFactor = rollbackFactor == null ? 0.5 : rollbackFactor;
    maxRollbacks = maxRollbacks == null ? 3 : maxRollbacks;
    ConfigChecks.positive("divergeAbove", divergeAbove);
    divergeAbove = divergeAbove == null ? 1e12 : divergeAbove;
  }

  /** What diverged among an iteration's losses (|loss| above {@code divergeAbove}), if anything. */
  public Optional<String> divergedLoss(Map<String, Double> scalars) {
    for (String network : new String[] {"discriminator", "generator"}) {
      Double loss = scalars.get("loss/" + network);
      if (loss != null && Math.abs(loss) > divergeAbove) {
        return Optional.of(String.format(Locale.ROOT, "the %s loss is %.3g, beyond alerts.divergeAbove (%.3g)",
            network, loss, divergeAbove));
      }
    }
    return Optional.empty();
  }
}
