package dev.ganforge.core.sweep;

import java.time.Duration;

/** Hears how a sweep is doing, whenever a task starts, ends or fails (from a thread of the executor's). */
@FunctionalInterface
public interface SweepProgress {
  /**
   * Where the sweep stands.
   *
   * @param total tasks in the sweep
   * @param reused tasks whose runs an earlier sweep had already published
   * @param done tasks finished now, reused ones included
   * @param running tasks under way
   * @param failedAttempts task attempts that failed (each is retried, continuing from its checkpoint)
   * @param elapsed time since the sweep started
   */
  record Status(int total, int reused, int done, int running, int failedAttempts, Duration elapsed) {
    /** The time left, from the pace of the tasks finished in this sitting; null before the first one. */
    public Duration eta() {
      int finishedHere = done - reused;
      if (finishedHere <= 0) {
        return null;
      }
      return elapsed.multipliedBy(total - done).dividedBy(finishedHere);
    }
  }

  /** The sweep's status changed. */
  void update(Status status);
}
