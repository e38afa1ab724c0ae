package dev.ganforge.core.sweep;

import dev.ganforge.core.GanForgeException;

/** A sweep stopped: a task failed on every attempt, or the destination cannot be written. */
public final class SweepFailedException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  public SweepFailedException(String message) {
    super(message);
  }

  public SweepFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
