package dev.ganforge.core.run;

import dev.ganforge.api.listener.RunAlert;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.listener.RunStart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Hands each run event to every listener, in order. */
final class RunEvents implements RunListener {
  private List<RunListener> listeners = List.of();

  /** The listeners of the training about to start, in the order they hear events. */
  void use(List<RunListener> ordered) {
    listeners = List.copyOf(ordered);
  }

  @Override
  public void onStart(RunStart start) {
    listeners.forEach(listener -> listener.onStart(start));
  }

  @Override
  public void onIteration(long step, Map<String, Double> scalars) {
    listeners.forEach(listener -> listener.onIteration(step, scalars));
  }

  @Override
  public void onCheckpoint(long step, Path directory) {
    listeners.forEach(listener -> listener.onCheckpoint(step, directory));
  }

  @Override
  public void onAlert(RunAlert alert) {
    listeners.forEach(listener -> listener.onAlert(alert));
  }

  @Override
  public void onRollback(long step) {
    listeners.forEach(listener -> listener.onRollback(step));
  }

  @Override
  public void onFinish(long step) {
    listeners.forEach(listener -> listener.onFinish(step));
  }

  /** Tells every listener, even when one of them fails on it: the run's own error is the one to report. */
  @Override
  public void onFailure(long step, Throwable error) {
    for (RunListener listener : listeners) {
      try {
        listener.onFailure(step, error);
      } catch (RuntimeException another) {
        error.addSuppressed(another);
      }
    }
  }
}
