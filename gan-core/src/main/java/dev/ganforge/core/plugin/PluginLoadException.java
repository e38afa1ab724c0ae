package dev.ganforge.core.plugin;

import dev.ganforge.core.GanForgeException;

/** A plugin could not be loaded, or two plugins clash; the message names the jars involved. */
public final class PluginLoadException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  public PluginLoadException(String message) {
    super(message);
  }

  public PluginLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
