package dev.ganforge.core.plugin;

import dev.ganforge.core.GanForgeException;

/**
 * A plugin rejected a config that is valid on its own but not for this run (a loss that needs labelled
 * data, say); the message names the kind, the type and the plugin's reason.
 */
public final class PluginConfigException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  public PluginConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
