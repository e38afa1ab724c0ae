package dev.ganforge.cli;

import dev.ganforge.api.listener.RunAlert;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.listener.RunStart;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: in a terminal, a progress bar (step, steps/s, ETA, latest losses); otherwise
 * (CI logs, pipes) a plain status line at every 5% of the run.
 */
final class ProgressListener implements RunListener, AutoCloseable {
  private final PrintWriter err;
  private final boolean terminal;
  private ProgressBar bar;
  private long total;
  private long startStep;
  private long startNanos;
  private long nextReport;
  private String losses = "";

  ProgressListener(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void onStart(RunStart start) {
    long step = start.step();
    long totalSteps = start.totalSteps();
    total = totalSteps;
    startStep = step;
    startNanos = System.nanoTime();
    nextReport = step;
    if (terminal) {
      bar = new ProgressBarBuilder()
          .setTaskName("train")
          .setInitialMax(totalSteps)
          .startsFrom(step, Duration.ZERO)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
          .setUpdateIntervalMillis(500)
          .showSpeed()
          .build();
    } else {
      err.println("training from step " + step + " to " + totalSteps);
      err.flush();
    }
  }

  @Override
  public void onIteration(long step, Map<String, Double> metrics) {
    Double d = metrics.get("loss/discriminator");
    Double g = metrics.get("loss/generator");
    if (d != null && g != null) {
      losses = String.format("D %.3f G %.3f", d, g);
    }
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(" " + losses);
    } else if (step >= nextReport || step == total) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      double rate = (step - startStep) / Math.max(seconds, 1e-9);
      long eta = rate > 0 ? Math.round((total - step) / rate) : 0;
      err.printf("step %d/%d (%d%%), %.1f steps/s, ETA %s, %s%n", step, total, 100 * step / total, rate,
          Duration.ofSeconds(eta).toString().substring(2).toLowerCase(java.util.Locale.ROOT), losses);
      err.flush();
      nextReport = step + Math.max(1, total / 20);
    }
  }

  @Override
  public void onAlert(RunAlert alert) {
    err.printf("%nalert at step %d (%s): %s; %s%n", alert.step(), alert.kind(), alert.message(), alert.action());
    err.flush();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
