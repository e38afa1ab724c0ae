package dev.ganforge.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.PluginConfig;
import dev.ganforge.api.PluginContext;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.plugin.PluginDescriptor;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginLoader;
import dev.ganforge.core.plugin.PluginRegistry;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The checks every plugin type passes, shared by the plugin modules' tests: it is discovered through
 * {@link java.util.ServiceLoader} like any plugin, and its config maps from YAML and back.
 */
public final class PluginContracts {
  private static PluginRegistry classpath;

  private PluginContracts() {}

  /** The plugins on the test classpath, loaded as the launcher loads them. */
  public static synchronized PluginRegistry classpathRegistry() {
    if (classpath == null) {
      classpath = PluginLoader.loadClasspath();
    }
    return classpath;
  }

  /** A config mapper over {@link #classpathRegistry()}. */
  public static ConfigMapper mapper() {
    return new ConfigMapper(classpathRegistry());
  }

  /** Asserts that ServiceLoader discovery finds {@code type} of {@code kind}, provided by {@code providerClass}. */
  public static PluginDescriptor assertDiscovered(PluginKind kind, String type, Class<?> providerClass) {
    Optional<PluginDescriptor> found = classpathRegistry().find(kind, type);
    assertThat(found).as("%s type '%s' discovered on the classpath", kind.displayName(), type).isPresent();
    assertThat(found.get().provider()).isInstanceOf(providerClass);
    return found.get();
  }

  /**
   * Reads {@code yaml} (a config of the plugin's kind, with its {@code type} key) as {@code base}, asserts
   * it equals {@code expected}, writes it back and asserts the round trip is lossless.
   */
  public static <T extends PluginConfig> T assertRoundTrip(Class<T> base, String yaml, T expected) {
    ConfigMapper mapper = mapper();
    T read = mapper.read(yaml, false, "test.yaml", base);
    assertThat(read).isEqualTo(expected);
    String written = mapper.toYaml(read);
    assertThat(mapper.read(written, false, "written.yaml", base)).isEqualTo(expected);
    return read;
  }

  /**
   * The conventions every provider follows, whatever its kind: a description for {@code gan plugins}, a
   * description for every config key, and a config that reads from YAML given only its required keys
   * and survives a round trip.
   */
  public static void assertFollowsConventions(ConfigMapper mapper, PluginDescriptor descriptor) {
    String what = descriptor.describe();
    assertThat(descriptor.provider().description()).as(what + ": description()").isNotBlank();
    StringBuilder yaml = new StringBuilder("{type: ").append(descriptor.type());
    for (dev.ganforge.core.config.ConfigSchema.Field field :
        dev.ganforge.core.config.ConfigSchema.fields(descriptor.configClass())) {
      assertThat(field.description()).as(what + ": description of key '" + field.name() + "'").isNotBlank();
      if (field.required()) {
        yaml.append(", ").append(field.name()).append(": ").append(sampleValue(field.type()));
      }
    }
    yaml.append('}');
    Class<? extends PluginConfig> base = descriptor.kind().configBase();
    PluginConfig read = mapper.read(yaml.toString(), false, what, base);
    assertThat(read).as(what + ": read from " + yaml).isInstanceOf(descriptor.configClass());
    assertThat(mapper.read(mapper.toYaml(read), false, what, base)).as(what + ": round trip").isEqualTo(read);
  }

  /** A valid-looking value for a required key of this type. */
  private static String sampleValue(java.lang.reflect.Type type) {
    if (type instanceof java.lang.reflect.ParameterizedType list
        && java.util.Collection.class.isAssignableFrom((Class<?>) list.getRawType())) {
      return "[" + sampleValue(list.getActualTypeArguments()[0]) + "]";
    }
    if (type instanceof Class<?> array && array.isArray()) {
      return "[" + sampleValue(array.getComponentType()) + "]";
    }
    if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
      return "1";
    }
    if (type == Double.class || type == Float.class) {
      return "1.0";
    }
    if (type == Boolean.class) {
      return "true";
    }
    if (type instanceof Class<?> c && c.isEnum()) {
      return dev.ganforge.core.config.ConfigSchema.enumNames(c).get(0);
    }
    return "sample";
  }

  /** A context for creating plugins in tests, without data. */
  public static PluginContext context(DataType dataType) {
    return context(dataType, null);
  }

  /** A context for creating plugins in tests that need to know the data ({@code data} may be null). */
  public static PluginContext context(DataType dataType, dev.ganforge.api.DatasetInfo data) {
    return new PluginContext() {
      @Override
      public long seed() {
        return 42;
      }

      @Override
      public DataType dataType() {
        return dataType;
      }

      @Override
      public Optional<dev.ganforge.api.NetworkRole> role() {
        return Optional.empty();
      }

      @Override
      public Optional<dev.ganforge.api.DatasetInfo> dataset() {
        return Optional.ofNullable(data);
      }
    };
  }
}
