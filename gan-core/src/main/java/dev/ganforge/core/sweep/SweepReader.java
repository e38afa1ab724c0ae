package dev.ganforge.core.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.core.config.ConfigException;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.ConfigProblem;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.random.SplitMixRandom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep file strictly, as configs are read: an unknown key, a path the config schema does not
 * know, a value a config would reject, a missing {@code trials:} for random search: every problem is
 * reported together, with its place in the sweep file, before anything runs.
 *
 * <pre>
 * base: ../gaussian-ring.yaml            # a config file (relative to this file) or an inline config
 * set: {training.steps: 4000}            # fixed changes to the base
 * space:
 *   generator.optimizer.learningRate: [2.0e-4, 1.0e-3]         # a list: a grid, every value tried
 *   loss.realLabel: {uniform: [0.8, 1.0]}                      # random search: uniform, log-uniform,
 *   discriminator.optimizer.learningRate: {log-uniform: [1.0e-4, 1.0e-2]}   # choice
 * trials: 4                              # random draws per grid point (random search only)
 * searchSeed: 1                          # the random draws' seed (default 1)
 * seeds: 2                               # the base config's seed and the next; or a list [1, 5]
 * metric: {type: mode-coverage, samples: 2500}
 * rank: {by: reverse-kl, goal: minimize}
 * out: sweeps/ring-lr                    # a folder, file:///... or hdfs://...
 * </pre>
 */
public final class SweepReader {
  static final List<String> KEYS =
      List.of("base", "set", "space", "trials", "searchSeed", "seeds", "metric", "rank", "out");
  private static final List<String> RANDOM_KINDS = List.of("uniform", "log-uniform", "choice");

  private final ConfigMapper mapper;

  public SweepReader(ConfigMapper mapper) {
    this.mapper = requireNonNull(mapper, "mapper");
  }

  /** Reads and checks a sweep file. */
  public Sweep read(Path file) {
    String name = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    Path directory = file.toAbsolutePath().getParent();
    return read(mapper.readTree(file), file.toString(), directory, name);
  }

  /**
   * Reads and checks a parsed sweep; {@code source} names it in errors, a {@code base:} path is relative to
   * {@code directory}, and {@code name} is the sweep's name (and default {@code out: sweeps/<name>}).
   */
  public Sweep read(JsonNode root, String source, Path directory, String name) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (!root.isObject()) {
      throw new ConfigException(source, List.of(new ConfigProblem("", "a sweep is a mapping with the keys "
          + KEYS + "; see gan sweep --help")));
    }
    root.fieldNames().forEachRemaining(key -> {
      if (!KEYS.contains(key)) {
        problems.add(new ConfigProblem(key, "unknown key; a sweep has " + String.join(", ", KEYS)));
      }
    });

    ObjectNode base = readBase(root.get("base"), source, directory, problems);
    JsonNode set = root.get("set");
    if (set != null && base != null) {
      if (!set.isObject()) {
        problems.add(new ConfigProblem("set", "is " + set + "; give a mapping of config paths to values, e.g. "
            + "{training.steps: 4000}"));
      } else {
        set.fields().forEachRemaining(entry -> apply(base, "set", entry.getKey(), entry.getValue(), problems));
      }
    }
    List<Dimension> space = readSpace(root.get("space"), problems);
    boolean random = space.stream().anyMatch(Dimension::random);
    int trials = readTrials(root.get("trials"), random, problems);
    long searchSeed = readLong(root.get("searchSeed"), "searchSeed", 1, problems);
    MetricConfig metric = readMetric(root.get("metric"), source, problems);
    String rankBy = null;
    Goal goal = null;
    JsonNode rank = root.get("rank");
    if (rank == null || !rank.isObject()) {
      problems.add(new ConfigProblem("rank", (rank == null ? "missing" : "is " + rank) + "; say which of the "
          + "metric's values ranks the configurations and which way is better, e.g. {by: fid, goal: minimize} "
          + "or {by: modes, goal: maximize}"));
    } else {
      rank.fieldNames().forEachRemaining(key -> {
        if (!key.equals("by") && !key.equals("goal")) {
          problems.add(new ConfigProblem("rank." + key, "unknown key; rank has by and goal"));
        }
      });
      JsonNode by = rank.get("by");
      if (by == null || !by.isTextual() || by.asText().isBlank()) {
        problems.add(new ConfigProblem("rank.by", (by == null ? "missing" : "is " + by) + "; name one of the "
            + "values the metric reports (fid; modes, high-quality or reverse-kl for mode-coverage)"));
      } else {
        rankBy = by.asText();
      }
      JsonNode goalNode = rank.get("goal");
      String goalText = goalNode == null ? "" : goalNode.asText().toLowerCase(Locale.ROOT);
      if (goalText.equals("minimize") || goalText.equals("maximize")) {
        goal = Goal.valueOf(goalText.toUpperCase(Locale.ROOT));
      } else {
        problems.add(new ConfigProblem("rank.goal", (goalNode == null ? "missing" : "is " + goalNode)
            + "; say minimize (lower is better: fid, kid, reverse-kl) or maximize (modes, inception-score)"));
      }
    }
    JsonNode outNode = root.get("out");
    String out = "sweeps/" + name;
    if (outNode != null) {
      if (!outNode.isTextual() || outNode.asText().isBlank()) {
        problems.add(new ConfigProblem("out", "is " + outNode + "; give a folder or a URI (file:///..., hdfs://...)"));
      } else {
        out = outNode.asText();
      }
    }
    GanConfig baseConfig = null;
    if (base != null) {
      baseConfig = bindConfig(base, source, "", problems);
    }
    List<Long> seeds = baseConfig == null ? List.of() : readSeeds(root.get("seeds"), baseConfig.seed(), problems);
    List<Trial> expanded = List.of();
    if (baseConfig != null) { // the space's problems too, with the others
      expanded = expand(base, space, trials, searchSeed, source, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, dedupe(problems));
    }
    return new Sweep(name, baseConfig, space, expanded, seeds, metric, rankBy, goal, out);
  }

  private ObjectNode readBase(JsonNode node, String source, Path directory, List<ConfigProblem> problems) {
    if (node == null) {
      problems.add(new ConfigProblem("base", "missing; give the config to sweep from: a file "
          + "(base: ../gaussian-ring.yaml, relative to the sweep file) or a config inline"));
      return null;
    }
    if (node.isTextual()) {
      Path file = directory.resolve(node.asText());
      try {
        JsonNode tree = mapper.readTree(file);
        if (tree.isObject()) {
          return (ObjectNode) tree;
        }
        problems.add(new ConfigProblem("base", file + " is not a config mapping"));
      } catch (ConfigException e) {
        e.problems().forEach(p -> problems.add(new ConfigProblem("base",
            file + (p.path().isEmpty() ? "" : ": " + p.path()) + ": " + p.message())));
      }
      return null;
    }
    if (node.isObject()) {
      return ((ObjectNode) node).deepCopy();
    }
    problems.add(new ConfigProblem("base", "is " + node + "; give a config file's path or a config inline"));
    return null;
  }

  private static List<Dimension> readSpace(JsonNode node, List<ConfigProblem> problems) {
    List<Dimension> space = new ArrayList<>();
    if (node == null) {
      return space; // seeds only: one configuration
    }
    if (!node.isObject()) {
      problems.add(new ConfigProblem("space", "is " + node + "; give a mapping of config paths to a list of "
          + "values or a {uniform|log-uniform|choice: ...} distribution"));
      return space;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = entry.getKey();
      String where = "space." + path;
      try {
        ConfigPaths.parse(path);
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem(where, "not a config path: " + e.getMessage()));
        continue;
      }
      JsonNode value = entry.getValue();
      if (value.isArray()) {
        if (value.isEmpty()) {
          problems.add(new ConfigProblem(where, "an empty list; list the values to try"));
          continue;
        }
        space.add(new Dimension(path, Dimension.Kind.GRID, list(value), 0, 0));
        continue;
      }
      if (!value.isObject() || value.size() != 1 || !RANDOM_KINDS.contains(value.fieldNames().next())) {
        problems.add(new ConfigProblem(where, "is " + value + "; give a list of values (a grid) or one of "
            + "{uniform: [low, high]}, {log-uniform: [low, high]}, {choice: [a, b, ...]}"
            + " (to try a list as one value, write it inside a list: [[1, 2]])"));
        continue;
      }
      String kind = value.fieldNames().next();
      JsonNode arguments = value.get(kind);
      if (kind.equals("choice")) {
        if (!arguments.isArray() || arguments.isEmpty()) {
          problems.add(new ConfigProblem(where + ".choice", "is " + arguments + "; list the values to choose from"));
        } else {
          space.add(new Dimension(path, Dimension.Kind.CHOICE, list(arguments), 0, 0));
        }
        continue;
      }
      if (!arguments.isArray() || arguments.size() != 2 || !arguments.get(0).isNumber()
          || !arguments.get(1).isNumber()) {
        problems.add(new ConfigProblem(where + "." + kind, "is " + arguments + "; give [low, high], two numbers"));
        continue;
      }
      double low = arguments.get(0).asDouble();
      double high = arguments.get(1).asDouble();
      boolean log = kind.equals("log-uniform");
      if (!(low < high) || (log && low <= 0)) {
        problems.add(new ConfigProblem(where + "." + kind, "is [" + low + ", " + high + "]; low must be below high"
            + (log ? " and both positive (log-uniform draws in log space)" : "")));
        continue;
      }
      space.add(new Dimension(path, log ? Dimension.Kind.LOG_UNIFORM : Dimension.Kind.UNIFORM, List.of(), low, high));
    }
    return space;
  }

  private static int readTrials(JsonNode node, boolean random, List<ConfigProblem> problems) {
    if (node == null) {
      if (random) {
        problems.add(new ConfigProblem("trials", "missing; the space has a uniform, log-uniform or choice "
            + "dimension, so say how many random draws to train (per grid point), e.g. trials: 8"));
      }
      return 1;
    }
    if (!random) {
      problems.add(new ConfigProblem("trials", "is " + node + ", but the space is a grid (lists only), which "
          + "tries every combination; remove trials:, or draw values with uniform, log-uniform or choice"));
      return 1;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
      problems.add(new ConfigProblem("trials", "is " + node + "; give a positive whole number"));
      return 1;
    }
    return node.asInt();
  }

  private static long readLong(JsonNode node, String key, long otherwise, List<ConfigProblem> problems) {
    if (node == null) {
      return otherwise;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      problems.add(new ConfigProblem(key, "is " + node + "; give a whole number"));
      return otherwise;
    }
    return node.asLong();
  }

  private static List<Long> readSeeds(JsonNode node, long baseSeed, List<ConfigProblem> problems) {
    List<Long> seeds = new ArrayList<>();
    if (node == null) {
      seeds.add(baseSeed);
    } else if (node.isIntegralNumber() && node.canConvertToInt() && node.asInt() >= 1) {
      for (int i = 0; i < node.asInt(); i++) {
        seeds.add(baseSeed + i);
      }
    } else if (node.isArray() && !node.isEmpty()) {
      Set<Long> distinct = new LinkedHashSet<>();
      for (JsonNode seed : node) {
        if (!seed.isIntegralNumber() || !seed.canConvertToLong() || !distinct.add(seed.asLong())) {
          problems.add(new ConfigProblem("seeds", "has " + seed + "; list distinct whole numbers"));
        }
      }
      seeds.addAll(distinct);
    } else {
      problems.add(new ConfigProblem("seeds", "is " + node + "; give a count (seeds: 3 trains the base config's "
          + "seed and the next two) or a list of seeds ([1, 5, 9])"));
    }
    return seeds;
  }

  private MetricConfig readMetric(JsonNode node, String source, List<ConfigProblem> problems) {
    if (node == null || !node.isObject()) {
      problems.add(new ConfigProblem("metric", (node == null ? "missing" : "is " + node) + "; give the metric "
          + "that ranks the configurations, e.g. {type: fid} or {type: mode-coverage, samples: 2500}"));
      return null;
    }
    try {
      return mapper.bind(node, source, MetricConfig.class);
    } catch (ConfigException e) {
      e.problems().forEach(p -> problems.add(new ConfigProblem(
          p.path().isEmpty() ? "metric" : "metric." + p.path(), p.message())));
      return null;
    }
  }

  private static void apply(ObjectNode tree, String section, String path, JsonNode value,
      List<ConfigProblem> problems) {
    try {
      ConfigPaths.set(tree, path, value)
          .ifPresent(problem -> problems.add(new ConfigProblem(section + "." + path, problem)));
    } catch (IllegalArgumentException e) {
      problems.add(new ConfigProblem(section + "." + path, "not a config path: " + e.getMessage()));
    }
  }

  /** Binds a trial's tree; problems are reported at the space path that caused them where one did. */
  private GanConfig bindConfig(ObjectNode tree, String source, String trialNote, List<ConfigProblem> problems) {
    try {
      return mapper.bind(tree, source, GanConfig.class);
    } catch (ConfigException e) {
      for (ConfigProblem p : e.problems()) {
        String path = (trialNote.isEmpty() ? "base" : "space") + (p.path().isEmpty() ? "" : "." + p.path());
        if (problems.stream().noneMatch(q -> q.path().equals(path))) { // once, not once per trial
          problems.add(new ConfigProblem(path, p.message() + trialNote));
        }
      }
      return null;
    }
  }

  private List<Trial> expand(ObjectNode base, List<Dimension> space, int draws, long searchSeed, String source,
      List<ConfigProblem> problems) {
    List<Dimension> grid = space.stream().filter(d -> !d.random()).toList();
    List<Dimension> random = space.stream().filter(Dimension::random).toList();
    List<Map<String, JsonNode>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Dimension dimension : grid) {
      List<Map<String, JsonNode>> next = new ArrayList<>();
      for (Map<String, JsonNode> point : points) {
        for (JsonNode value : dimension.values()) {
          Map<String, JsonNode> extended = new LinkedHashMap<>(point);
          extended.put(dimension.path(), value);
          next.add(extended);
        }
      }
      points = next;
    }
    SplitMixRandom draw = SplitMixRandom.stream(searchSeed, "sweep");
    Map<String, Trial> trials = new LinkedHashMap<>();
    for (Map<String, JsonNode> point : points) {
      for (int d = 0; d < (random.isEmpty() ? 1 : draws); d++) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        for (Dimension dimension : space) { // the space's order, grid and random mixed as written
          params.put(dimension.path(), dimension.random() ? dimension.draw(draw) : point.get(dimension.path()));
        }
        ObjectNode tree = base.deepCopy();
        int before = problems.size();
        params.forEach((path, value) -> apply(tree, "space", path, value, problems));
        if (problems.size() > before) {
          continue;
        }
        GanConfig config = bindConfig(tree, source, " (with " + describe(params) + ")", problems);
        if (config == null) {
          continue;
        }
        String name = trialName(config);
        Trial earlier = trials.putIfAbsent(name, new Trial(name, params, config));
        if (earlier != null && random.isEmpty()) {
          problems.add(new ConfigProblem("space", "gives the same config twice (" + describe(earlier.params())
              + " and " + describe(params) + "); list each value once"));
        }
      }
    }
    return List.copyOf(trials.values());
  }

  /** A configuration's folder name: a hash of its config (seed aside), the same on every machine. */
  String trialName(GanConfig config) {
    byte[] yaml = mapper.toYaml(config.withSeed(0)).getBytes(StandardCharsets.UTF_8);
    try {
      return "c-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(yaml), 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String describe(Map<String, JsonNode> params) {
    List<String> parts = new ArrayList<>();
    params.forEach((path, value) -> parts.add(path + " = " + value));
    return parts.isEmpty() ? "the base config" : String.join(", ", parts);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> values = new ArrayList<>();
    array.forEach(values::add);
    return values;
  }

  private static List<ConfigProblem> dedupe(List<ConfigProblem> problems) {
    return List.copyOf(new LinkedHashSet<>(problems)); // a bad path shows once, not once per trial
  }

  /** A sweep's configurations, described for a log line. */
  public static String describe(Trial trial) {
    return trial.name() + " (" + describe(trial.params()) + ")";
  }
}
