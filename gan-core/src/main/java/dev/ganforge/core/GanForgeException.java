package dev.ganforge.core;

/**
 * An error GANForge explains to the user: its message says what is wrong and how to fix it, so the CLI
 * prints the message alone (no stack trace unless asked) and exits with {@link #exitCode()}.
 */
public class GanForgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Bad usage or configuration. */
  public static final int USAGE = 2;
  /** Missing or unreadable data. */
  public static final int DATA = 3;
  /** Anything else. */
  public static final int FAILURE = 1;

  private final int exitCode;

  public GanForgeException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public GanForgeException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code for this error: {@link #USAGE}, {@link #DATA} or {@link #FAILURE}. */
  public int exitCode() {
    return exitCode;
  }
}
