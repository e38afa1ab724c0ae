package dev.ganforge.core.run;

import dev.ganforge.core.GanForgeException;

/** A checkpoint is missing, incomplete or corrupt; the message says which and what to do. */
public final class CheckpointException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }

  public CheckpointException(String message) {
    super(message);
  }
}
