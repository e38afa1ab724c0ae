package dev.ganforge.core.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ganforge.core.plugin.PluginDescriptor;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads YAML and JSON configs into records, strictly: unknown keys, wrong value types, unknown type
 * names, missing required keys and rejected values are all errors, and all of a file's problems are
 * reported together in one {@link ConfigException}, each with its path.
 *
 * <p>Plugin type names come from the {@link PluginRegistry} (registered as Jackson {@link NamedType}s);
 * core's own polymorphic types (optimizers, data sources) declare theirs with {@code @JsonSubTypes}.
 */
public final class ConfigMapper {
  /** A config's largest size: real ones are a few KiB; a 50 MB one would hang the parser for minutes. */
  static final long MAX_CONFIG_BYTES = 1 << 20;

  private final PluginRegistry registry;
  private final ObjectMapper yaml;
  private final ObjectMapper json;

  public ConfigMapper(PluginRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
    this.yaml = configure(YAMLMapper.builder(new YamlNumbers(
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // Type ids as a plain 'type' key, as users write them, not as YAML tags (!<adam>).
            .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID))));
    this.json = configure(JsonMapper.builder());
  }

  private ObjectMapper configure(MapperBuilder<?, ?> builder) {
    ObjectMapper mapper = builder
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
        .serializationInclusion(JsonInclude.Include.NON_ABSENT)
        .build();
    for (PluginDescriptor descriptor : registry.all()) {
      mapper.registerSubtypes(new NamedType(descriptor.configClass(), descriptor.type()));
    }
    return mapper;
  }

  private static ConfigProblem tooLarge(long size) {
    return new ConfigProblem("", "is " + size + " bytes; a config is at most " + MAX_CONFIG_BYTES + " bytes (1 MiB): "
        + "is this the right file?");
  }

  /** The registry this mapper's type names come from. */
  public PluginRegistry registry() {
    return registry;
  }

  /**
   * Reads a config file ({@code .json} as JSON, anything else as YAML).
   *
   * @throws ConfigException with every problem found, or when the file cannot be read
   */
  public <T> T read(Path file, Class<T> type) {
    return read(readText(file), isJson(file), file.toString(), type);
  }

  /** Parses a config file into a tree without binding it ({@link #readTree(String, boolean, String)}). */
  public JsonNode readTree(Path file) {
    return readTree(readText(file), isJson(file), file.toString());
  }

  private static boolean isJson(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  private static String readText(Path file) {
    try {
      if (Files.isRegularFile(file) && Files.size(file) > MAX_CONFIG_BYTES) {
        throw new ConfigException(file.toString(), List.of(tooLarge(Files.size(file))));
      }
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), List.of(new ConfigProblem("", "file not found")));
    } catch (CharacterCodingException e) {
      throw new ConfigException(file.toString(), List.of(new ConfigProblem("", "is not UTF-8 text (a binary "
          + "file?); a config is YAML or JSON text in UTF-8")));
    } catch (IOException e) {
      throw new ConfigException(
          file.toString(), List.of(new ConfigProblem("", "cannot read: " + e.getMessage())));
    }
  }

  /** Reads config text; {@code source} names it in messages. */
  public <T> T read(String text, boolean isJson, String source, Class<T> type) {
    return bind(readTree(text, isJson, source), source, type);
  }

  /**
   * Parses config text into a tree without binding it (for files that embed configs, such as sweeps);
   * syntax errors, empty text and oversized text are reported as for {@link #read}.
   */
  public JsonNode readTree(String text, boolean isJson, String source) {
    if (text.length() > MAX_CONFIG_BYTES) {
      throw new ConfigException(source, List.of(tooLarge(text.length())));
    }
    ObjectMapper mapper = isJson ? json : yaml;
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, List.of(syntaxProblem(e)));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(source, List.of(new ConfigProblem("", "the config is empty")));
    }
    return root;
  }

  /** Validates and binds an already parsed tree. */
  public <T> T bind(JsonNode root, String source, Class<T> type) {
    List<ConfigProblem> problems = new ConfigValidator(yaml, this::subtypes).validate(root, type);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    try {
      return yaml.treeToValue(root, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // The validator accepts only what binds; reaching this is a GANForge bug, reported as a problem.
      throw new ConfigException(source, List.of(new ConfigProblem("", "cannot bind: " + e.getMessage())));
    }
  }

  /** The config as YAML, every default filled in (for a run's resolved {@code config.yaml}). */
  public String toYaml(Object config) {
    try {
      return yaml.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config " + config, e);
    }
  }

  /** The config as a JSON tree. */
  public JsonNode toTree(Object config) {
    return json.valueToTree(config);
  }

  /** Type names of a polymorphic base: from the registry for plugin kinds, else from the base itself. */
  Map<String, Class<?>> subtypes(Class<?> base) {
    return PluginKind.forConfigBase(base)
        .<Map<String, Class<?>>>map(kind -> new HashMap<>(registry.configClasses(kind)))
        .orElseGet(() -> ConfigSchema.declaredSubtypes(base));
  }

  private static ConfigProblem syntaxProblem(JacksonException e) {
    JsonLocation location = e.getLocation();
    String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    // YAML parser messages interleave the problem with indented source excerpts; keep the problem.
    String message = e.getOriginalMessage().lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .collect(java.util.stream.Collectors.joining("; "));
    return new ConfigProblem("", "syntax error" + where + ": " + message);
  }
}
