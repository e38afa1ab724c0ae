package dev.ganforge.core.data;

import dev.ganforge.core.GanForgeException;

/** Training data is missing or unreadable; the message says how to get it. */
public final class DataUnavailableException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  public DataUnavailableException(String message) {
    super(message);
  }

  public DataUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
