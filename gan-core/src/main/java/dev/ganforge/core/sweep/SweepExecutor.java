package dev.ganforge.core.sweep;

import java.util.List;
import java.util.Map;

/**
 * Trains and evaluates a sweep's tasks, each in a process of its own, and publishes every finished run to
 * the destination. gan-spark implements it on Apache Spark; the launcher finds it with
 * {@link java.util.ServiceLoader}.
 *
 * <p>An implementation reuses runs the destination already holds (a rerun never retrains them), retries a
 * task whose process died, continuing its run from the last checkpoint, and publishes a run whole or
 * not at all.
 */
public interface SweepExecutor {
  /**
   * Runs every task of {@code job}, reporting to {@code progress}.
   *
   * @return one result per task, in the job's order
   * @throws SweepFailedException when a task failed on every attempt (finished runs stay published)
   */
  List<TaskResult> run(SweepJob job, SweepProgress progress);

  /**
   * Writes files (tables, plots, the best config) at paths relative to {@code destination}, each replaced
   * whole.
   */
  void writeFiles(String destination, Map<String, byte[]> files);
}
