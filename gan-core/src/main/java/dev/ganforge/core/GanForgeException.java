package dev.ganforge.core;

/**
 * An error GANForge explains: its message says what is wrong and how to fix it, for any caller (the
 * {@code gan} command prints the message alone, with no stack trace unless asked). The subclass says
 * what kind of error it is, so a caller can react to it: {@code ConfigException} (a config that cannot
 * be used), {@code ModelException} (networks that cannot be assembled or do not fit the data),
 * {@code PluginLoadException}, {@code DataUnavailableException}, {@code CheckpointException},
 * {@code RunDirectoryException}, {@code TrainingDivergedException} and {@code TrainingStoppedException}.
 */
public abstract class GanForgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected GanForgeException(String message) {
    super(message);
  }

  protected GanForgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
