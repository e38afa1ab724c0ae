package dev.ganforge.core.run;

import dev.ganforge.core.config.AlertsConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Watches each step's measurements for the ways GAN training fails, cheaply (a few windows of numbers):
 *
 * <ul>
 *   <li><b>D loss collapse</b>: the discriminator loss stays non-negative and averages below
 *       {@code collapseBelow} over a whole window: D separates real from fake outright and G learns
 *       nothing (losses that can be negative, such as the Wasserstein critic's, never trigger it).
 *   <li><b>Exploding gradients</b>: a network's gradient norm exceeds {@code gradientSpike} times its
 *       median over the last window.
 *   <li><b>D loss variance spike</b>: the D loss's variance over the last window exceeds
 *       {@code varianceSpike} times the median variance of earlier windows (three at least).
 * </ul>
 *
 * A NaN or infinite loss stops the trainer itself. Each kind of alert is raised once until
 * {@link #reset} (after a rollback). The monitor also reports the D loss's window variance as
 * {@code diagnostics/discriminator-loss-variance}. Its state goes into checkpoints so a resumed run
 * raises the same alerts at the same steps.
 */
public final class FailureMonitor {
  static final String VARIANCE = "diagnostics/discriminator-loss-variance";
  private static final int KEPT_VARIANCES = 50;

  /** The kinds of alert, by the names logged. */
  public enum Kind {
    DISCRIMINATOR_LOSS_COLLAPSE, EXPLODING_GRADIENTS, DISCRIMINATOR_LOSS_VARIANCE_SPIKE,
    /** A loss beyond {@code alerts.divergeAbove}: raised by the run, not the monitor. */
    EXPLODING_LOSS;

    /** The name in logs, e.g. {@code discriminator-loss-collapse}. */
    public String logName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** One alert: when, what, and a sentence for the user. */
  public record Alert(long step, Kind kind, String message) {}

  /** What a checkpoint keeps of the monitor. */
  public record State(double[] losses, int seen, double[] discriminatorNorms, double[] generatorNorms,
      int normsSeen, List<Double> variances, List<Kind> raised) {}

  private final AlertsConfig config;
  private final int window;
  private double[] losses;
  private int seen;
  private double[] discriminatorNorms;
  private double[] generatorNorms;
  private int normsSeen;
  private List<Double> variances = new ArrayList<>();
  private final Set<Kind> raised = EnumSet.noneOf(Kind.class);

  public FailureMonitor(AlertsConfig config) {
    this.config = config;
    this.window = config.window();
    reset();
  }

  /** Forgets everything seen: after a rollback, the run starts watching afresh. */
  public void reset() {
    losses = new double[window];
    seen = 0;
    discriminatorNorms = new double[window];
    generatorNorms = new double[window];
    normsSeen = 0;
    variances = new ArrayList<>();
    raised.clear();
  }

  /**
   * Takes one step's measurements ({@code loss/discriminator}, {@code gradient-norm/...}), adds the D loss
   * variance to {@code metrics} once a window is full, and returns the alerts this step raises.
   */
  public List<Alert> observe(long step, Map<String, Double> metrics) {
    List<Alert> alerts = new ArrayList<>();
    checkGradient(step, "discriminator", metrics.get("gradient-norm/discriminator"), discriminatorNorms, alerts);
    checkGradient(step, "generator", metrics.get("gradient-norm/generator"), generatorNorms, alerts);
    if (metrics.containsKey("gradient-norm/discriminator") || metrics.containsKey("gradient-norm/generator")) {
      normsSeen++;
    }
    Double loss = metrics.get("loss/discriminator");
    if (loss == null) {
      return alerts;
    }
    losses[seen % window] = loss;
    seen++;
    if (seen < window) {
      return alerts;
    }
    double mean = Arrays.stream(losses).average().orElseThrow();
    double variance = Arrays.stream(losses).map(v -> (v - mean) * (v - mean)).sum() / (window - 1);
    metrics.put(VARIANCE, variance);
    boolean nonNegative = Arrays.stream(losses).allMatch(v -> v >= 0);
    if (nonNegative && mean < config.collapseBelow()) {
      raise(alerts, step, Kind.DISCRIMINATOR_LOSS_COLLAPSE, String.format(Locale.ROOT,
          "the discriminator loss averaged %.2g over the last %d steps (below %.2g): D tells real from fake "
              + "outright and G gets no useful gradient", mean, window, config.collapseBelow()));
    }
    if (variances.size() >= 3) {
      double median = median(variances.stream().mapToDouble(Double::doubleValue).toArray());
      if (variance > config.varianceSpike() * median && median > 0) {
        raise(alerts, step, Kind.DISCRIMINATOR_LOSS_VARIANCE_SPIKE, String.format(Locale.ROOT,
            "the discriminator loss's variance over the last %d steps is %.3g, %.0f times the usual %.3g",
            window, variance, variance / median, median));
      }
    }
    if (seen % window == 0) {
      variances.add(variance);
      if (variances.size() > KEPT_VARIANCES) {
        variances.remove(0);
      }
    }
    return alerts;
  }

  private void checkGradient(long step, String network, Double norm, double[] history, List<Alert> alerts) {
    if (norm == null) {
      return;
    }
    if (normsSeen >= window) {
      double median = median(history);
      if (norm > config.gradientSpike() * median && median > 0) {
        raise(alerts, step, Kind.EXPLODING_GRADIENTS, String.format(Locale.ROOT,
            "the %s's gradient norm is %.3g, %.0f times its median of %.3g over the last %d steps", network, norm,
            norm / median, median, window));
      }
    }
    history[normsSeen % window] = norm;
  }

  private void raise(List<Alert> alerts, long step, Kind kind, String message) {
    if (raised.add(kind)) {
      alerts.add(new Alert(step, kind, message));
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** A copy of the state, for a checkpoint. */
  public State state() {
    return new State(losses.clone(), seen, discriminatorNorms.clone(), generatorNorms.clone(), normsSeen,
        List.copyOf(variances), List.copyOf(raised));
  }

  /** Continues from a checkpoint's state (null, from a checkpoint written before monitoring: starts afresh). */
  public void restore(State state) {
    reset();
    if (state == null || state.losses().length != window) {
      return;
    }
    losses = state.losses().clone();
    seen = state.seen();
    discriminatorNorms = state.discriminatorNorms().clone();
    generatorNorms = state.generatorNorms().clone();
    normsSeen = state.normsSeen();
    variances = new ArrayList<>(state.variances());
    raised.addAll(state.raised());
  }
}
