package dev.ganforge.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.core.plugin.PluginKind;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks a parsed config tree against the config records and collects every problem with its path, so a
 * user sees them all in one run. Jackson binding stops at the first error; this walker does not. Each
 * record whose keys are all well-formed is then built once, so value checks in its compact constructor
 * are reported too.
 */
final class ConfigValidator {
  private static final String TYPE_KEY = "type";

  private final ObjectMapper mapper;
  private final Function<Class<?>, Map<String, Class<?>>> subtypes;
  private final List<ConfigProblem> problems = new ArrayList<>();

  /**
   * @param subtypes for a polymorphic base type, its type names and records
   */
  ConfigValidator(ObjectMapper mapper, Function<Class<?>, Map<String, Class<?>>> subtypes) {
    this.mapper = mapper;
    this.subtypes = subtypes;
  }

  List<ConfigProblem> validate(JsonNode root, Class<?> type) {
    check(root, type, "");
    return List.copyOf(problems);
  }

  /** Checks {@code node} against {@code type}; true when it (and everything inside it) is fine. */
  private boolean check(JsonNode node, Type type, String path) {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return checkList(node, arguments[0], path);
      }
      if (Map.class.isAssignableFrom(raw)) {
        return checkMap(node, arguments[1], path);
      }
      return check(node, raw, path);
    }
    Class<?> c = (Class<?>) type;
    if (c == JsonNode.class || c == Object.class) {
      return true;
    }
    if (c == String.class) {
      return expect(node.isTextual(), node, "text", path);
    }
    if (c == Integer.class || c == int.class) {
      return checkWholeNumber(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (c == Long.class || c == long.class) {
      return checkWholeNumber(node, path, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
      return expect(node.isNumber() || (node.isTextual() && parsesAsNumber(node.asText())), node,
          "a number", path);
    }
    if (c == Boolean.class || c == boolean.class) {
      return expect(node.isBoolean(), node, "true or false", path);
    }
    if (c.isEnum()) {
      return checkEnum(node, c, path);
    }
    if (c.isArray()) {
      return checkList(node, c.getComponentType(), path);
    }
    if (c.isRecord()) {
      return checkRecord(node, c, path, Set.of(), "");
    }
    if (ConfigSchema.isPolymorphic(c)) {
      return checkPolymorphic(node, c, path);
    }
    throw new IllegalStateException("config type " + c.getName() + " at " + path + " is not supported");
  }

  /**
   * @param label what the record is, for messages ({@code optimizer 'adam'}); empty for plain records
   */
  private boolean checkRecord(
      JsonNode node, Class<?> record, String path, Set<String> alsoAllowed, String label) {
    String of = label.isEmpty() ? "" : " of " + label;
    if (!node.isObject()) {
      return problem(path, "expected a mapping (key: value pairs), got " + render(node));
    }
    List<ConfigSchema.Field> fields = ConfigSchema.fields(record);
    Map<String, ConfigSchema.Field> byName = new java.util.LinkedHashMap<>();
    fields.forEach(field -> byName.put(field.name(), field));
    boolean ok = true;
    // Document order, so problems read top to bottom like the file.
    for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String key = entry.getKey();
      ConfigSchema.Field field = byName.get(key);
      if (field == null) {
        if (!alsoAllowed.contains(key)) {
          String hint = Suggestions.closest(key, byName.keySet())
              .map(s -> "did you mean '" + s + "'? ").orElse("");
          ok = problem(join(path, key), "unknown key '" + key + "'; " + hint + "known keys" + of + ": "
              + (byName.isEmpty() ? "(none)" : String.join(", ", byName.keySet())));
        }
      } else if (!entry.getValue().isNull() && !check(entry.getValue(), field.type(), join(path, key))) {
        ok = false;
      }
    }
    for (ConfigSchema.Field field : fields) {
      JsonNode child = node.get(field.name());
      if (field.required() && (child == null || child.isNull())) {
        ok = problem(join(path, field.name()), "missing required key '" + field.name() + "' ("
            + ConfigSchema.describe(field.type()) + ")"
            + (field.description().isEmpty() ? "" : ": " + field.description()));
      }
    }
    return ok && build(node, record, path, of);
  }

  /** Builds the record so its compact constructor's value checks run; reports their complaints. */
  private boolean build(JsonNode node, Class<?> record, String path, String of) {
    try {
      mapper.treeToValue(node, record);
      return true;
    } catch (Exception e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidConfigException invalid) {
          return problem(join(path, invalid.field()), invalid.getMessage());
        }
      }
      Throwable root = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause() : e;
      String message = root instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
          ? mapping.getOriginalMessage()
          : root.getMessage();
      return problem(path, "invalid value" + of + ": " + message);
    }
  }

  private boolean checkPolymorphic(JsonNode node, Class<?> base, String path) {
    String kind = ConfigSchema.describe(base);
    Map<String, Class<?>> types = subtypes.apply(base);
    String known = types.isEmpty() ? "(none loaded)" : String.join(", ", new java.util.TreeSet<>(types.keySet()));
    if (!node.isObject()) {
      return problem(path, "expected a " + kind + " mapping with a 'type' key (" + known + "), got "
          + render(node));
    }
    JsonNode typeNode = node.get(TYPE_KEY);
    if (typeNode == null || !typeNode.isTextual()) {
      return problem(join(path, TYPE_KEY), "missing " + kind + " type; known " + kind + " types: " + known);
    }
    String type = typeNode.asText();
    Class<?> record = types.get(type);
    if (record == null) {
      String hint = Suggestions.closest(type, types.keySet()).map(s -> "did you mean '" + s + "'? ").orElse("");
      String pluginHint = PluginKind.forConfigBase(base).isPresent()
          ? "; is its plugin on the classpath or in --plugin-dir?"
          : "";
      return problem(join(path, TYPE_KEY), "unknown " + kind + " type '" + type + "'; " + hint + "known "
          + kind + " types: " + known + pluginHint);
    }
    return checkRecord(node, record, path, Set.of(TYPE_KEY), kind + " '" + type + "'");
  }

  private boolean checkList(JsonNode node, Type element, String path) {
    if (!node.isArray()) {
      return problem(path, "expected a list, got " + render(node));
    }
    boolean ok = true;
    for (int i = 0; i < node.size(); i++) {
      ok &= check(node.get(i), element, path + "[" + i + "]");
    }
    return ok;
  }

  private boolean checkMap(JsonNode node, Type value, String path) {
    if (!node.isObject()) {
      return problem(path, "expected a mapping, got " + render(node));
    }
    boolean ok = true;
    for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = entries.next();
      ok &= check(entry.getValue(), value, join(path, entry.getKey()));
    }
    return ok;
  }

  private boolean checkWholeNumber(JsonNode node, String path, long min, long max) {
    BigDecimal value = null;
    if (node.isNumber()) {
      value = node.decimalValue();
    } else if (node.isTextual() && parsesAsNumber(node.asText())) {
      value = new BigDecimal(node.asText().trim());
    }
    if (value == null) {
      return problem(path, "expected a whole number, got " + render(node));
    }
    if (value.stripTrailingZeros().scale() > 0) {
      return problem(path, "expected a whole number, got " + value.toPlainString());
    }
    if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      return problem(path, "number " + value.toPlainString() + " is out of range");
    }
    return true;
  }

  private boolean checkEnum(JsonNode node, Class<?> enumType, String path) {
    List<String> names = ConfigSchema.enumNames(enumType);
    if (node.isTextual() && names.contains(node.asText())) {
      return true;
    }
    String hint = node.isTextual()
        ? Suggestions.closest(node.asText(), names).map(s -> "did you mean '" + s + "'? ").orElse("")
        : "";
    return problem(path, "expected one of " + String.join(", ", names) + ", got " + render(node)
        + (hint.isEmpty() ? "" : "; " + hint.trim()));
  }

  private boolean expect(boolean condition, JsonNode node, String expected, String path) {
    return condition || problem(path, "expected " + expected + ", got " + render(node));
  }

  private boolean problem(String path, String message) {
    problems.add(new ConfigProblem(path, message));
    return false;
  }

  private static boolean parsesAsNumber(String text) {
    try {
      new BigDecimal(text.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The bad value, quoted and typed: {@code 'fast' (text)}, {@code a list}, {@code 12 (a number)}. */
  static String render(JsonNode node) {
    if (node.isTextual()) {
      return "'" + node.asText() + "' (text)";
    }
    if (node.isNumber()) {
      return node.asText() + " (a number)";
    }
    if (node.isBoolean()) {
      return node.asText() + " (true/false)";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }


  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
