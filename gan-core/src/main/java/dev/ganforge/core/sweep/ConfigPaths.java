package dev.ganforge.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config paths as config errors print them ({@code generator.optimizer.learningRate},
 * {@code generator.layers[0].units}): parsing, and setting a value in a config tree.
 */
final class ConfigPaths {
  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)((?:\\[\\d+])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private ConfigPaths() {}

  /** A parsed path: field names (strings) and list indices (integers). */
  static List<Object> parse(String path) {
    List<Object> steps = new ArrayList<>();
    if (path.isEmpty()) {
      throw new IllegalArgumentException("an empty path");
    }
    for (String segment : path.split("\\.", -1)) {
      Matcher matcher = SEGMENT.matcher(segment);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("'" + segment + "' is not a field name (optionally with list "
            + "indices, as in layers[0])");
      }
      steps.add(matcher.group(1));
      Matcher index = INDEX.matcher(matcher.group(2));
      while (index.find()) {
        steps.add(Integer.parseInt(index.group(1)));
      }
    }
    return steps;
  }

  /**
   * Sets {@code value} at {@code path} in {@code root}, adding missing objects on the way (a key the
   * config schema does not know is left for the strict binding to report, with its path).
   *
   * @return a problem to report, or empty when the value was set
   */
  static Optional<String> set(ObjectNode root, String path, JsonNode value) {
    List<Object> steps = parse(path);
    JsonNode node = root;
    StringBuilder where = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      Object step = steps.get(i);
      boolean last = i == steps.size() - 1;
      if (step instanceof String field) {
        if (!(node instanceof ObjectNode object)) {
          return Optional.of(where + " is " + describe(node) + ", not a mapping with a '" + field + "' key");
        }
        if (last) {
          object.set(field, value.deepCopy());
          return Optional.empty();
        }
        JsonNode next = object.get(field);
        if (next == null || next.isNull()) {
          next = steps.get(i + 1) instanceof Integer ? null : object.putObject(field);
          if (next == null) {
            return Optional.of(where + (where.length() > 0 ? "." : "") + field + " is not set in the base config, "
                + "so it has no list to index");
          }
        }
        where.append(where.length() > 0 ? "." : "").append(field);
        node = next;
      } else {
        int index = (Integer) step;
        if (!(node instanceof ArrayNode array)) {
          return Optional.of(where + " is " + describe(node) + ", not a list");
        }
        if (index >= array.size()) {
          return Optional.of(where + " has " + array.size() + " entries in the base config, so [" + index
              + "] is out of range (indices start at 0)");
        }
        if (last) {
          array.set(index, value.deepCopy());
          return Optional.empty();
        }
        where.append('[').append(index).append(']');
        node = array.get(index);
      }
    }
    throw new IllegalStateException("unreachable: " + path);
  }

  private static String describe(JsonNode node) {
    return node.isValueNode() ? "the value " + node : node.isArray() ? "a list" : "a mapping";
  }
}
