package dev.ganforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.ConfigSchema;
import java.util.List;

/** Renders config records' keys (from {@link ConfigSchema}) as text lines or a Markdown table. */
final class FieldDocs {
  private final ConfigMapper mapper;

  FieldDocs(ConfigMapper mapper) {
    this.mapper = mapper;
  }

  /** "required", "default 0.2", or "optional" for a key without default (the feature is off). */
  String presence(ConfigSchema.Field field) {
    if (field.required()) {
      return "required";
    }
    return field.defaultValue().map(value -> "default " + render(value)).orElse("optional");
  }

  /** Text lines, one per key: {@code leakySlope  number, default 0.2  Negative slope...}. */
  void appendText(StringBuilder out, Class<?> record, String indent) {
    List<ConfigSchema.Field> fields = ConfigSchema.fields(record);
    if (fields.isEmpty()) {
      out.append(indent).append("(no options)\n");
      return;
    }
    int nameWidth = fields.stream().mapToInt(f -> f.name().length()).max().orElse(0);
    for (ConfigSchema.Field field : fields) {
      out.append(indent).append(pad(field.name(), nameWidth)).append("  ")
          .append(ConfigSchema.describe(field.type())).append(", ").append(presence(field));
      if (!field.description().isEmpty()) {
        out.append(". ").append(field.description());
      }
      out.append('\n');
    }
  }

  /** A Markdown table of the keys. */
  void appendMarkdown(StringBuilder out, Class<?> record) {
    List<ConfigSchema.Field> fields = ConfigSchema.fields(record);
    if (fields.isEmpty()) {
      out.append("No options.\n");
      return;
    }
    out.append("| key | accepts | default | description |\n|---|---|---|---|\n");
    for (ConfigSchema.Field field : fields) {
      String presence = field.required()
          ? "**required**"
          : field.defaultValue().map(value -> "`" + render(value) + "`").orElse("(off)");
      out.append("| `").append(field.name()).append("` | ").append(ConfigSchema.describe(field.type()))
          .append(" | ").append(presence).append(" | ").append(field.description().replace("|", "\\|"))
          .append(" |\n");
    }
  }

  /** A default as it would be written in YAML: {@code 0.2}, {@code identity}, {@code {type: adam, ...}}. */
  String render(Object value) {
    JsonNode node = mapper.toTree(value);
    if (node.isValueNode()) {
      return node.asText();
    }
    return node.toString().replace("\"", "").replace(",", ", ").replace(":", ": ");
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
