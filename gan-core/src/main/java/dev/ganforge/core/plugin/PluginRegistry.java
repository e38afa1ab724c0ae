package dev.ganforge.core.plugin;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.PluginConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every plugin type known to a run, immutable once built. It is the single source for both the Guice
 * bindings ({@link dev.ganforge.core.inject.GanForgeModule}) and the config mapper's type names
 * ({@link dev.ganforge.core.config.ConfigMapper}), so the two cannot disagree.
 */
public final class PluginRegistry {
  private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private final Map<PluginKind, Map<String, PluginDescriptor>> byKind;

  private PluginRegistry(Map<PluginKind, Map<String, PluginDescriptor>> byKind) {
    this.byKind = byKind;
  }

  /** Starts an empty registry. */
  public static Builder builder() {
    return new Builder();
  }

  /** The types of one kind, sorted by type name. */
  public List<PluginDescriptor> ofKind(PluginKind kind) {
    return List.copyOf(byKind.get(kind).values());
  }

  /** Every type, grouped by kind in {@link PluginKind} order, then sorted by type name. */
  public List<PluginDescriptor> all() {
    return byKind.values().stream().flatMap(types -> types.values().stream()).toList();
  }

  /** The type {@code type} of {@code kind}, if loaded. */
  public Optional<PluginDescriptor> find(PluginKind kind, String type) {
    return Optional.ofNullable(byKind.get(kind).get(type));
  }

  /** The type name of the loaded provider of {@code kind} that reads {@code config}'s class, if any. */
  public Optional<String> typeOf(PluginKind kind, PluginConfig config) {
    return byKind.get(kind).values().stream().filter(descriptor -> descriptor.configClass() == config.getClass())
        .map(PluginDescriptor::type).findFirst();
  }

  /**
   * Creates the plugin instance a config record describes, with the provider that registered the
   * record's class.
   *
   * @throws IllegalArgumentException when no loaded provider of {@code kind} reads this config class
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <T> T create(PluginKind kind, PluginConfig config, dev.ganforge.api.PluginContext context) {
    for (PluginDescriptor descriptor : byKind.get(kind).values()) {
      if (descriptor.configClass() == config.getClass()) {
        try {
          return (T) ((dev.ganforge.api.PluginProvider) descriptor.provider()).create(config, context);
        } catch (IllegalArgumentException e) {
          // A provider rejecting a config that is valid on its own but not with this run (e.g. a loss
          // that needs labelled data): the user's mistake, told as such.
          throw new PluginConfigException(
              kind.displayName() + " " + descriptor.type() + ": " + e.getMessage(), e);
        }
      }
    }
    throw new IllegalArgumentException(
        "no loaded " + kind.displayName() + " provider reads " + config.getClass().getName());
  }

  /** Type name to config record, for one kind, sorted by type name. */
  public Map<String, Class<? extends PluginConfig>> configClasses(PluginKind kind) {
    Map<String, Class<? extends PluginConfig>> classes = new LinkedHashMap<>();
    byKind.get(kind).forEach((type, descriptor) -> classes.put(type, descriptor.configClass()));
    return Map.copyOf(classes);
  }

  /** Collects descriptors, then checks them all at once in {@link #build()}. */
  public static final class Builder {
    private final List<PluginDescriptor> descriptors = new ArrayList<>();

    private Builder() {}

    public Builder add(PluginDescriptor descriptor) {
      descriptors.add(requireNonNull(descriptor, "descriptor"));
      return this;
    }

    /**
     * Builds the registry.
     *
     * @throws PluginLoadException listing every bad type name, bad config class and clash of two
     *     providers on one kind and type name (naming both jars)
     */
    public PluginRegistry build() {
      List<String> problems = new ArrayList<>();
      Map<PluginKind, Map<String, PluginDescriptor>> byKind = new EnumMap<>(PluginKind.class);
      for (PluginKind kind : PluginKind.values()) {
        byKind.put(kind, new TreeMap<>());
      }
      for (PluginDescriptor descriptor : descriptors) {
        String problem = checkShape(descriptor);
        if (problem != null) {
          problems.add(problem);
          continue;
        }
        PluginDescriptor earlier = byKind.get(descriptor.kind()).putIfAbsent(descriptor.type(), descriptor);
        if (earlier != null) {
          problems.add(
              "two plugins provide " + descriptor.kind().displayName() + " type '" + descriptor.type()
                  + "':\n    " + earlier.provider().getClass().getName() + " in " + earlier.location()
                  + "\n    " + descriptor.provider().getClass().getName() + " in " + descriptor.location()
                  + "\n  remove one of them from the classpath or plugin directory");
        }
      }
      if (!problems.isEmpty()) {
        throw new PluginLoadException(
            problems.size() == 1
                ? "plugin error: " + problems.get(0)
                : "plugin errors:\n  - " + String.join("\n  - ", problems));
      }
      Map<PluginKind, Map<String, PluginDescriptor>> frozen = new EnumMap<>(PluginKind.class);
      byKind.forEach((kind, types) -> frozen.put(kind, java.util.Collections.unmodifiableMap(types)));
      return new PluginRegistry(java.util.Collections.unmodifiableMap(frozen));
    }

    private static String checkShape(PluginDescriptor descriptor) {
      String type = descriptor.provider().type();
      String where = descriptor.provider().getClass().getName() + " in " + descriptor.location();
      if (type == null || !KEBAB_CASE.matcher(type).matches()) {
        return "type name '" + type + "' of " + where
            + " is not kebab-case (lower-case words joined by '-', e.g. 'non-saturating')";
      }
      Class<?> configClass = descriptor.provider().configClass();
      Class<?> base = descriptor.kind().configBase();
      if (configClass == null || !configClass.isRecord() || !base.isAssignableFrom(configClass)) {
        return descriptor.kind().displayName() + " type '" + type + "' of " + where
            + " must return a record implementing " + base.getSimpleName() + " from configClass(), got "
            + (configClass == null ? "null" : configClass.getName());
      }
      return null;
    }
  }
}
