package dev.ganforge.cli;

/** A command given something it cannot use (exit code 2); the message says what and how to fix it. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
