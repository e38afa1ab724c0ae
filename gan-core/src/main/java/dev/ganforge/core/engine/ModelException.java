package dev.ganforge.core.engine;

import dev.ganforge.core.GanForgeException;

/**
 * The networks a config describes cannot be assembled, do not fit the data or the loss, or cannot do
 * what was asked of them (a class the model does not draw); the message names the config path.
 */
public final class ModelException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
