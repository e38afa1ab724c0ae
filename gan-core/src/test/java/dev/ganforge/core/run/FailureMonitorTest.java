package dev.ganforge.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.core.config.AlertsConfig;
import dev.ganforge.core.run.FailureMonitor.Alert;
import dev.ganforge.core.run.FailureMonitor.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class FailureMonitorTest {
  private static final AlertsConfig WINDOW_OF_20 = new AlertsConfig(null, 20, null, null, null, null, null, null);

  private static Map<String, Double> step(double discriminatorLoss, double gradientNorm) {
    Map<String, Double> metrics = new HashMap<>();
    metrics.put("loss/discriminator", discriminatorLoss);
    metrics.put("gradient-norm/discriminator", gradientNorm);
    metrics.put("gradient-norm/generator", 1.0);
    return metrics;
  }

  /** Feeds losses and D gradient norms from step 1 on; returns every alert raised. */
  private static List<Alert> feed(FailureMonitor monitor, long firstStep, double[] losses, double[] norms) {
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < losses.length; i++) {
      alerts.addAll(monitor.observe(firstStep + i, step(losses[i], norms[i])));
    }
    return alerts;
  }

  private static double[] noisy(int n, double mean, double stddev, long seed) {
    Random random = new Random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = mean + stddev * random.nextGaussian();
    }
    return values;
  }

  private static double[] constant(int n, double value) {
    double[] values = new double[n];
    java.util.Arrays.fill(values, value);
    return values;
  }

  @Test
  void aDiscriminatorLossStuckNearZeroForAWholeWindowRaisesOneCollapseAlert() {
    FailureMonitor monitor = new FailureMonitor(WINDOW_OF_20);
    double[] healthy = noisy(60, 1.3, 0.1, 1);
    double[] collapsed = constant(60, 0.002);

    assertThat(feed(monitor, 1, healthy, constant(60, 1))).isEmpty();
    List<Alert> alerts = feed(monitor, 61, collapsed, constant(60, 1));

    // the fall itself is a variance spike; the collapse shows once the window holds only collapsed steps
    List<Alert> collapse = alerts.stream().filter(a -> a.kind() == Kind.DISCRIMINATOR_LOSS_COLLAPSE).toList();
    assertThat(collapse).hasSize(1);
    assertThat(collapse.get(0).step()).isEqualTo(80);
    assertThat(collapse.get(0).message()).contains("averaged 0.0020 over the last 20 steps");
    assertThat(alerts).extracting(Alert::kind)
        .containsOnly(Kind.DISCRIMINATOR_LOSS_COLLAPSE, Kind.DISCRIMINATOR_LOSS_VARIANCE_SPIKE);
  }

  @Test
  void aCriticLossThatCanBeNegativeNeverCountsAsCollapsed() {
    FailureMonitor monitor = new FailureMonitor(WINDOW_OF_20);

    assertThat(feed(monitor, 1, noisy(100, 0, 0.001, 2), constant(100, 1))).isEmpty();
  }

  @Test
  void aGradientNormFarAboveItsRecentMedianRaisesAnExplodingGradientAlert() {
    FailureMonitor monitor = new FailureMonitor(WINDOW_OF_20);
    double[] norms = noisy(40, 2, 0.2, 3);
    norms[30] = 50; // 25 times the median: below the default 100
    norms[35] = 400; // 200 times

    List<Alert> alerts = feed(monitor, 1, noisy(40, 1.3, 0.1, 4), norms);

    assertThat(alerts).extracting(Alert::kind, Alert::step).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Kind.EXPLODING_GRADIENTS, 36L));
    assertThat(alerts.get(0).message()).startsWith("the discriminator's gradient norm is 400");
  }

  @Test
  void aJumpInTheDiscriminatorLossVarianceRaisesASpikeAlertAndLogsTheVariance() {
    FailureMonitor monitor = new FailureMonitor(WINDOW_OF_20);
    double[] losses = new double[140];
    System.arraycopy(noisy(100, 1.3, 0.02, 5), 0, losses, 0, 100);
    System.arraycopy(noisy(40, 1.3, 0.5, 6), 0, losses, 100, 40); // variance 625 times larger

    List<Alert> alerts = feed(monitor, 1, losses, constant(140, 1));

    assertThat(alerts).extracting(Alert::kind).containsExactly(Kind.DISCRIMINATOR_LOSS_VARIANCE_SPIKE);
    assertThat(alerts.get(0).step()).isBetween(101L, 120L);
    Map<String, Double> metrics = step(1.3, 1);
    monitor.observe(141, metrics);
    assertThat(metrics).containsKey("diagnostics/discriminator-loss-variance");
  }

  @Test
  void aRestoredMonitorRaisesWhatTheOriginalWouldAndResetForgetsRaisedAlerts() {
    double[] losses = new double[120];
    System.arraycopy(noisy(70, 1.3, 0.05, 7), 0, losses, 0, 70);
    System.arraycopy(constant(50, 0.001), 0, losses, 70, 50);
    FailureMonitor straight = new FailureMonitor(WINDOW_OF_20);
    List<Alert> expected = feed(straight, 1, losses, constant(120, 1));

    FailureMonitor first = new FailureMonitor(WINDOW_OF_20);
    feed(first, 1, java.util.Arrays.copyOf(losses, 75), constant(75, 1));
    FailureMonitor resumed = new FailureMonitor(WINDOW_OF_20);
    resumed.restore(first.state());
    List<Alert> actual = feed(resumed, 76, java.util.Arrays.copyOfRange(losses, 75, 120), constant(45, 1));

    assertThat(actual).isEqualTo(expected.stream().filter(alert -> alert.step() >= 76).toList());
    assertThat(actual).extracting(Alert::kind).contains(Kind.DISCRIMINATOR_LOSS_COLLAPSE);
    resumed.reset();
    assertThat(feed(resumed, 121, constant(25, 0.001), constant(25, 1))).hasSize(1);
  }
}
