package dev.ganforge.core.run;

import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.listener.RunStart;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code metrics.jsonl}: every {@code logEvery} steps, at the last step, and whenever metrics were
 * evaluated ({@link #metricsEvaluated}). Its length goes into every checkpoint, so that a resumed or
 * rolled-back run cuts the log back to it and logs exactly what an uninterrupted run would.
 */
final class MetricsLogWriter implements RunListener {
  private final Path file;
  private final int logEvery;
  private long length;
  private long total;
  private boolean evaluated;
  private MetricsLog log;

  /** @param length the log's length at the checkpoint training continues from */
  MetricsLogWriter(Path file, int logEvery, long length) {
    this.file = file;
    this.logEvery = logEvery;
    this.length = length;
  }

  @Override
  public void onStart(RunStart start) {
    total = start.totalSteps();
    log = MetricsLog.open(file, length);
    length = -1; // another train() of the same run continues the log as it is
  }

  /** The iteration about to be heard evaluated the config's metrics: its line is written whatever the step. */
  void metricsEvaluated() {
    evaluated = true;
  }

  @Override
  public void onIteration(long step, Map<String, Double> scalars) {
    if (evaluated || step % logEvery == 0 || step == total) {
      log.append(step, scalars);
    }
    evaluated = false;
  }

  /** The log's length now, for a checkpoint. */
  long length() {
    return log.length();
  }

  /** Cuts the log back to {@code newLength} (a rollback to the checkpoint that recorded it). */
  void cutTo(long newLength) {
    log.close();
    log = MetricsLog.open(file, newLength);
  }

  @Override
  public void onFinish(long step) {
    log.close();
  }

  @Override
  public void onFailure(long step, Throwable error) {
    if (log != null) {
      log.close();
    }
  }
}
