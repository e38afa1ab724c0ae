package dev.ganforge.core.plugin;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.PluginConfig;
import dev.ganforge.api.PluginProvider;

/**
 * One discovered plugin type.
 *
 * @param kind its kind
 * @param provider the provider instance
 * @param origin where it came from, for people: a built-in module ({@code gan-losses}) or a jar name
 * @param location where it came from, exactly: the jar or folder path, for error messages
 */
public record PluginDescriptor(
    PluginKind kind, PluginProvider<?, ?> provider, String origin, String location) {

  public PluginDescriptor {
    requireNonNull(kind, "kind");
    requireNonNull(provider, "provider");
    requireNonNull(origin, "origin");
    requireNonNull(location, "location");
  }

  /** The type name configs use. */
  public String type() {
    return provider.type();
  }

  /** The config record of this type. */
  public Class<? extends PluginConfig> configClass() {
    return provider.configClass();
  }

  /** "loss type 'hinge' (dev.ganforge.losses.HingeLossProvider in /path/gan-losses.jar)". */
  public String describe() {
    return kind.displayName() + " type '" + type() + "' (" + provider.getClass().getName() + " in "
        + location + ")";
  }
}
