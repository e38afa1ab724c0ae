package dev.ganforge.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ganforge.core.plugin.PluginKind;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a config record accepts, read from the record itself: its keys, which are required, their
 * descriptions and defaults. Used by the validator and by {@code gan plugins}, so the documentation
 * shown to users is the schema that is enforced.
 */
public final class ConfigSchema {
  private ConfigSchema() {}

  /**
   * One key of a config record.
   *
   * @param name the key as written in configs
   * @param type its Java type
   * @param required whether it must be given
   * @param description its {@code @JsonPropertyDescription}, or empty
   * @param defaultValue what the record fills in when the key is absent; empty when required or when it
   *     has no default (the feature is off)
   */
  public record Field(
      String name, Type type, boolean required, String description, Optional<Object> defaultValue) {}

  /** The keys of {@code recordClass}, in declaration order. */
  public static List<Field> fields(Class<?> recordClass) {
    RecordComponent[] components = recordClass.getRecordComponents();
    if (components == null) {
      throw new IllegalArgumentException(recordClass.getName() + " is not a record");
    }
    Object defaults = defaults(recordClass, components);
    List<Field> fields = new ArrayList<>();
    for (RecordComponent component : components) {
      JsonProperty property = annotation(component, JsonProperty.class);
      JsonPropertyDescription description = annotation(component, JsonPropertyDescription.class);
      String name =
          property != null && !property.value().isEmpty() ? property.value() : component.getName();
      boolean required = property != null && property.required();
      Optional<Object> defaultValue = Optional.empty();
      if (!required && defaults != null) {
        try {
          java.lang.reflect.Method accessor = component.getAccessor();
          accessor.setAccessible(true); // plugin records need not be public
          defaultValue = Optional.ofNullable(accessor.invoke(defaults));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + component, e);
        }
      }
      fields.add(new Field(name, component.getGenericType(), required,
          description == null ? "" : description.value(), defaultValue));
    }
    return List.copyOf(fields);
  }

  /**
   * Jackson's annotations do not target record components, so javac propagates them to the accessor,
   * the field and the constructor parameter instead; the accessor always has them.
   */
  private static <A extends java.lang.annotation.Annotation> A annotation(
      RecordComponent component, Class<A> type) {
    A onComponent = component.getAnnotation(type);
    return onComponent != null ? onComponent : component.getAccessor().getAnnotation(type);
  }

  /**
   * The record built with every component absent, which by the {@link dev.ganforge.api.PluginConfig}
   * conventions holds every default; null when the record rejects that.
   */
  private static Object defaults(Class<?> recordClass, RecordComponent[] components) {
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Object[] absent = Arrays.stream(types).map(ConfigSchema::absentValue).toArray();
    try {
      Constructor<?> constructor = recordClass.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(absent);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Object absentValue(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == char.class) {
      return '\0';
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == float.class) {
      return 0.0f;
    }
    if (type == byte.class) {
      return (byte) 0;
    }
    if (type == short.class) {
      return (short) 0;
    }
    return 0;
  }

  /** Whether {@code type} is resolved by a {@code type} key (a plugin kind or a core base like data). */
  public static boolean isPolymorphic(Class<?> type) {
    return type.isAnnotationPresent(JsonTypeInfo.class) && !type.isRecord();
  }

  /** Type names declared with {@code @JsonSubTypes} on a core polymorphic base type. */
  static Map<String, Class<?>> declaredSubtypes(Class<?> base) {
    JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
    if (subtypes == null) {
      return Map.of();
    }
    return Arrays.stream(subtypes.value())
        .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::name, JsonSubTypes.Type::value));
  }

  /** A short description of what a key accepts, for messages and docs: "number", "list of layer". */
  public static String describe(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return "list of " + describe(arguments[0]);
      }
      if (Map.class.isAssignableFrom(raw)) {
        return "mapping of " + describe(arguments[1]);
      }
      return describe(raw);
    }
    if (!(type instanceof Class<?> c)) {
      return "value";
    }
    if (c == String.class) {
      return "text";
    }
    if (c == Integer.class || c == int.class || c == Long.class || c == long.class
        || c == Short.class || c == short.class) {
      return "whole number";
    }
    if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
      return "number";
    }
    if (c == Boolean.class || c == boolean.class) {
      return "true/false";
    }
    if (c.isEnum()) {
      return "one of " + String.join(", ", enumNames(c));
    }
    if (c.isArray()) {
      return "list of " + describe(c.getComponentType());
    }
    Optional<PluginKind> kind = PluginKind.forConfigBase(c);
    if (kind.isPresent()) {
      return kind.get().displayName();
    }
    if (isPolymorphic(c)) {
      return kebab(c.getSimpleName().replaceAll("Config$", ""));
    }
    return "mapping";
  }

  /** The names configs use for an enum's constants: their {@code @JsonProperty} values, else names. */
  public static List<String> enumNames(Class<?> enumType) {
    List<String> names = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      try {
        JsonProperty property = enumType.getField(name).getAnnotation(JsonProperty.class);
        names.add(property != null && !property.value().isEmpty() ? property.value() : name);
      } catch (NoSuchFieldException e) {
        names.add(name);
      }
    }
    return names;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
