package dev.ganforge.api.listener;

import dev.ganforge.api.PublicApi;
import java.nio.file.Path;
import java.util.Map;

/**
 * Hears a training run's events, in order: {@link #onStart} once, then {@link #onIteration} after every
 * iteration, {@link #onCheckpoint} whenever one is complete, {@link #onAlert} when the failure monitor
 * raises an alert (or a NaN loss meets the rollback policy), {@link #onRollback} when the run returns to
 * a checkpoint, and {@link #onFinish} or {@link #onFailure} once. Each method but {@link #onIteration}
 * does nothing by default.
 *
 * <p>The run's own outputs are listeners too (the metrics log, samples, checkpoints, the report, the
 * alert policy, the progress bar), so a third-party listener sees exactly what they see. A listener is
 * the plugin kind {@code listener} ({@code listeners: [{type: ...}]} in a config); in Java, pass one (or
 * a lambda for {@link #onIteration}) to {@code GanBuilder.listener(...)}.
 *
 * <p>Listeners run on the training thread: keep them quick, or hand work to a thread of your own. An
 * exception thrown by a listener stops the run like any other error (after a checkpoint, nothing is
 * lost: {@code gan resume} continues).
 */
@PublicApi
@FunctionalInterface
public interface RunListener {

  /** Training starts, or resumes, at {@link RunStart#step()}. */
  default void onStart(RunStart start) {}

  /**
   * Iteration {@code step} (1-based: iterations completed) finished; {@code scalars} are what it
   * measured ({@code loss/discriminator}, {@code loss/generator}, ..., {@code metric/<name>} when a
   * metric was due), read-only.
   */
  void onIteration(long step, Map<String, Double> scalars);

  /** A checkpoint of step {@code step} is complete in {@code directory}. */
  default void onCheckpoint(long step, Path directory) {}

  /** A failure showed; {@link RunAlert#action()} says what the run does about it. */
  default void onAlert(RunAlert alert) {}

  /**
   * The run went back to its checkpoint of step {@code step} (the alert policy's rollback): iterations
   * after it will be heard again, as they are trained again. A listener that writes per-iteration
   * output drops what it wrote after {@code step}, as {@code metrics.jsonl} is cut back.
   */
  default void onRollback(long step) {}

  /** Training reached its last step, {@code step}. */
  default void onFinish(long step) {}

  /** Training stopped at {@code step} on {@code error}, which the caller is about to see. */
  default void onFailure(long step, Throwable error) {}
}
