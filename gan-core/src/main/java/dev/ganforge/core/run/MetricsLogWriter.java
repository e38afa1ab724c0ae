package dev.ganforge.core.run;

import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.listener.RunStart;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes {@code metrics.jsonl}: every {@code logEvery} steps, at the last step, and whenever a metric was
 * evaluated. Its length goes into every checkpoint, so that a resumed or rolled-back run cuts the log back
 * to it and logs exactly what an uninterrupted run would.
 */
final class MetricsLogWriter implements RunListener {
  private final Path file;
  private final int logEvery;
  private long length;
  private long total;
  private MetricsLog log;

  /** @param length the log's length at the checkpoint training continues from; -1 to keep it whole */
  MetricsLogWriter(Path file, int logEvery, long length) {
    this.file = file;
    this.logEvery = logEvery;
    this.length = length;
  }

  @Override
  public void onStart(RunStart start) {
    total = start.totalSteps();
    log = MetricsLog.open(file, length);
  }

  @Override
  public void onIteration(long step, Map<String, Double> scalars) {
    boolean evaluated = scalars.keySet().stream().anyMatch(name -> name.startsWith("metric/"));
    if (evaluated || step % logEvery == 0 || step == total) {
      log.append(step, scalars);
    }
  }

  /** The log's length now, for a checkpoint. */
  long length() {
    return log.length();
  }

  /** Cuts the log back to {@code newLength} (a rollback to the checkpoint that recorded it). */
  void cutTo(long newLength) {
    log.close();
    length = newLength;
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
