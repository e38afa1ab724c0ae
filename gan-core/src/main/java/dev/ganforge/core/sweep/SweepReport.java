package dev.ganforge.core.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.run.Charts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A finished sweep's results: one row per configuration (its swept values, each metric value's mean and
 * standard deviation over seeds, training time), ranked by the sweep's {@code rank:}; the best
 * configuration as a ready config; and a plot of the ranking value against each swept parameter.
 */
public final class SweepReport {
  /** What {@link #files()} writes beside the runs. */
  public static final String MARKDOWN = "sweep.md";
  public static final String CSV = "sweep.csv";
  public static final String RUNS_CSV = "runs.csv";
  public static final String BEST = "best.yaml";

  private final Sweep sweep;
  private final List<TaskResult> results;
  private final ConfigMapper mapper;
  private final String command;

  /** One configuration's line. */
  public record Row(Trial trial, int runs, int failed, Map<String, Stat> values, Stat trainSeconds) {
    /** The ranking value's statistics. */
    public Stat rank(String by) {
      return values.getOrDefault(by, new Stat(Double.NaN, 0, 0));
    }
  }

  /**
   * @param sweep the sweep
   * @param results the results of its tasks, any order
   * @param mapper writes the best config
   * @param command the command line that produced it, for the page
   */
  public SweepReport(Sweep sweep, List<TaskResult> results, ConfigMapper mapper, String command) {
    this.sweep = requireNonNull(sweep, "sweep");
    this.results = List.copyOf(results);
    this.mapper = requireNonNull(mapper, "mapper");
    this.command = requireNonNull(command, "command");
    checkRankValue();
  }

  private void checkRankValue() {
    Set<String> reported = new LinkedHashSet<>();
    results.forEach(result -> reported.addAll(result.metrics().keySet()));
    if (!reported.isEmpty() && !reported.contains(sweep.rankBy())) {
      throw new SweepFailedException("rank.by: the metric reported no '" + sweep.rankBy() + "'; it reported "
          + String.join(", ", reported) + ". Fix rank.by and run the sweep again: its runs are kept and reused.");
    }
  }

  /** The rows, best first; configurations without a value (every seed failed) last. */
  public List<Row> ranked() {
    List<Row> rows = new ArrayList<>();
    for (Trial trial : sweep.trials()) {
      List<TaskResult> runs = results.stream().filter(r -> r.configuration().equals(trial.name())).toList();
      List<TaskResult> ok = runs.stream().filter(r -> r.failure() == null).toList();
      Map<String, Stat> values = new LinkedHashMap<>();
      Set<String> names = new LinkedHashSet<>();
      ok.forEach(r -> names.addAll(r.metrics().keySet()));
      for (String name : names) {
        values.put(name, Stat.of(ok.stream().filter(r -> r.metrics().containsKey(name))
            .map(r -> r.metrics().get(name)).toList()));
      }
      rows.add(new Row(trial, runs.size(), runs.size() - ok.size(), values,
          Stat.of(runs.stream().map(TaskResult::trainSeconds).toList())));
    }
    Comparator<Row> byRank = (a, b) -> {
      double x = a.rank(sweep.rankBy()).mean();
      double y = b.rank(sweep.rankBy()).mean();
      return sweep.goal().better(x, y) ? -1 : sweep.goal().better(y, x) ? 1 : 0;
    };
    rows.sort(byRank);
    return rows;
  }

  /** The best configuration, if any run of any configuration finished. */
  public Optional<Row> best() {
    return ranked().stream().filter(row -> !Double.isNaN(row.rank(sweep.rankBy()).mean())).findFirst();
  }

  /** Everything the sweep writes beside its runs, by path. */
  public Map<String, byte[]> files() {
    Map<String, byte[]> plots = plots();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(MARKDOWN, utf8(markdown(plots.keySet())));
    files.put(CSV, utf8(csv()));
    files.put(RUNS_CSV, utf8(runsCsv()));
    best().ifPresent(row -> files.put(BEST, utf8(bestYaml(row))));
    files.putAll(plots);
    return files;
  }

  /** The ranking as plain text, for the terminal. */
  public String text() {
    StringBuilder text = new StringBuilder();
    List<String> paths = sweep.space().stream().map(Dimension::path).toList();
    text.append(String.format(Locale.ROOT, "%-4s %-13s %-24s %-6s %s%n", "rank", "config",
        sweep.rankBy() + " (" + sweep.goal().yamlName() + ")", "seeds", String.join("  ", paths)));
    int rank = 1;
    for (Row row : ranked()) {
      text.append(String.format(Locale.ROOT, "%-4d %-13s %-24s %-6s %s%n", rank++, row.trial().name(),
          format(row.rank(sweep.rankBy())), seeds(row), String.join("  ", row.trial().paramText().values())));
    }
    return text.toString();
  }

  String markdown(Set<String> plots) {
    StringBuilder md = new StringBuilder("# Sweep: ").append(sweep.name()).append("\n\n");
    md.append("Produced by `").append(command).append("`. ").append(sweep.trials().size())
        .append(" configurations x ").append(sweep.seeds().size()).append(" seeds (")
        .append(sweep.seeds()).append("), ranked by `").append(sweep.rankBy()).append("` of `")
        .append(mapper.toYaml(sweep.metric()).strip().replace("\n", ", ")).append("` (")
        .append(sweep.goal() == Goal.MINIMIZE ? "lower" : "higher")
        .append(" is better): mean ± standard deviation over seeds. Training time on the machine that ran each run.\n\n");
    List<String> paths = sweep.space().stream().map(Dimension::path).toList();
    List<String> names = valueNames();
    md.append("| rank | config | ");
    paths.forEach(path -> md.append('`').append(path).append("` | "));
    names.forEach(name -> md.append(name.equals(sweep.rankBy()) ? "**" + name + "**" : name).append(" | "));
    md.append("seeds | training time |\n|");
    md.append("---|".repeat(2 + paths.size() + names.size() + 2)).append('\n');
    int rank = 1;
    for (Row row : ranked()) {
      md.append("| ").append(rank++).append(" | ").append(row.trial().name()).append(" | ");
      row.trial().paramText().values().forEach(value -> md.append(value).append(" | "));
      names.forEach(name -> md.append(row.values().containsKey(name) ? format(row.values().get(name)) : "")
          .append(" | "));
      md.append(seeds(row)).append(" | ").append(row.trainSeconds().format("%.0f", 1)).append(" s |\n");
    }
    best().ifPresent(row -> md.append("\nBest: ").append(row.trial().name()).append(", written as `").append(BEST)
        .append("` (train it with `gan train ").append(BEST).append("`).\n"));
    if (!plots.isEmpty()) {
      md.append("\n## ").append(sweep.rankBy()).append(" against each parameter\n\n");
      plots.forEach(png -> md.append("![").append(png).append("](").append(png).append(")\n"));
    }
    md.append("\n## Runs\n\n| config | seed | ");
    names.forEach(name -> md.append(name).append(" | "));
    md.append("training time |\n|").append("---|".repeat(3 + names.size())).append('\n');
    for (TaskResult r : sorted()) {
      md.append("| ").append(r.configuration()).append(" | ").append(r.seed()).append(" | ");
      if (r.failure() != null) {
        md.append(r.failure()).append(" |").append(" |".repeat(Math.max(0, names.size() - 1)));
      } else {
        names.forEach(name -> md.append(number(r.metrics().get(name))).append(" | "));
      }
      md.append(String.format(Locale.ROOT, " %.0f s |%n", r.trainSeconds()));
    }
    return md.toString();
  }

  String csv() {
    List<String> paths = sweep.space().stream().map(Dimension::path).toList();
    List<String> names = valueNames();
    StringBuilder csv = new StringBuilder("rank,config");
    paths.forEach(path -> csv.append(',').append(csvField(path)));
    names.forEach(name -> csv.append(',').append(name).append("_mean,").append(name).append("_std"));
    csv.append(",seeds,failed,train_seconds_mean\n");
    int rank = 1;
    for (Row row : ranked()) {
      csv.append(rank++).append(',').append(row.trial().name());
      row.trial().paramText().values().forEach(value -> csv.append(',').append(csvField(value)));
      for (String name : names) {
        Stat stat = row.values().get(name);
        csv.append(',').append(stat == null ? "" : exact(stat.mean())).append(',')
            .append(stat == null ? "" : exact(stat.stddev()));
      }
      csv.append(',').append(row.runs() - row.failed()).append(',').append(row.failed()).append(',')
          .append(String.format(Locale.ROOT, "%.1f", row.trainSeconds().mean())).append('\n');
    }
    return csv.toString();
  }

  String runsCsv() {
    List<String> names = valueNames();
    StringBuilder csv = new StringBuilder("config,seed");
    names.forEach(name -> csv.append(',').append(name));
    csv.append(",train_seconds,failure\n");
    for (TaskResult r : sorted()) {
      csv.append(r.configuration()).append(',').append(r.seed());
      names.forEach(name -> csv.append(',').append(exact(r.metrics().get(name))));
      csv.append(String.format(Locale.ROOT, ",%.1f,%s%n", r.trainSeconds(),
          r.failure() == null ? "" : csvField(r.failure())));
    }
    return csv.toString();
  }

  private String bestYaml(Row row) {
    StringBuilder yaml = new StringBuilder("# The best configuration of sweep ").append(sweep.name()).append(": ")
        .append(sweep.rankBy()).append(' ').append(format(row.rank(sweep.rankBy()))).append(" over seeds ")
        .append(sweep.seeds()).append(".\n");
    row.trial().paramText().forEach((path, value) -> yaml.append("# ").append(path).append(": ").append(value)
        .append('\n'));
    return yaml.append(mapper.toYaml(row.trial().config())).toString();
  }

  /** One plot per swept parameter: the ranking value's mean ± standard deviation at each value. */
  private Map<String, byte[]> plots() {
    Map<String, byte[]> plots = new LinkedHashMap<>();
    List<Row> rows = ranked().stream().filter(row -> !Double.isNaN(row.rank(sweep.rankBy()).mean())).toList();
    if (rows.size() < 2) {
      return plots;
    }
    for (Dimension dimension : sweep.space()) {
      String file = "plot-" + dimension.path().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "") + ".png";
      String title = sweep.rankBy() + " against " + dimension.path();
      try {
        boolean numeric = rows.stream().allMatch(row -> row.trial().params().get(dimension.path()).isNumber());
        if (numeric) {
          List<Row> byX = rows.stream().sorted(Comparator.comparingDouble(
              row -> row.trial().params().get(dimension.path()).asDouble())).toList();
          double[] x = byX.stream().mapToDouble(row -> row.trial().params().get(dimension.path()).asDouble()).toArray();
          boolean logX = dimension.kind() == Dimension.Kind.LOG_UNIFORM
              || (x[0] > 0 && x[x.length - 1] / x[0] >= 100);
          plots.put(file, Charts.errorBars(title, dimension.path(), sweep.rankBy(), x,
              byX.stream().mapToDouble(row -> row.rank(sweep.rankBy()).mean()).toArray(),
              byX.stream().mapToDouble(row -> row.rank(sweep.rankBy()).stddev()).toArray(), logX));
        } else {
          // Several configurations can share a value (other parameters differ): one bar per configuration.
          plots.put(file, Charts.categoryErrorBars(title, dimension.path(), sweep.rankBy(),
              rows.stream().map(row -> text(row.trial().params().get(dimension.path())) + " (" + row.trial().name()
                  + ")").toList(),
              rows.stream().map(row -> row.rank(sweep.rankBy()).mean()).toList(),
              rows.stream().map(row -> row.rank(sweep.rankBy()).stddev()).toList()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot draw " + file + ": " + e.getMessage(), e);
      }
    }
    return plots;
  }

  private List<String> valueNames() {
    Set<String> names = new LinkedHashSet<>();
    names.add(sweep.rankBy());
    results.forEach(r -> names.addAll(r.metrics().keySet()));
    return List.copyOf(names);
  }

  private List<TaskResult> sorted() {
    List<String> order = sweep.trials().stream().map(Trial::name).toList();
    return results.stream().sorted(Comparator.<TaskResult>comparingInt(r -> order.indexOf(r.configuration()))
        .thenComparingLong(TaskResult::seed)).toList();
  }

  private static String seeds(Row row) {
    return (row.runs() - row.failed()) + (row.failed() > 0 ? " (" + row.failed() + " failed)" : "");
  }

  private static String format(Stat stat) {
    if (stat.count() == 0) {
      return "";
    }
    return Double.isFinite(stat.mean()) && stat.count() > 1 ? number(stat.mean()) + " ± " + number(stat.stddev())
        : number(stat.mean());
  }

  /** Four significant digits without trailing zeros: 0.002, 8, 2.079, 1.234e-05; inf for infinity. */
  static String number(Double value) {
    if (value == null || value.isNaN()) {
      return "";
    }
    if (value.isInfinite()) {
      return value > 0 ? "inf" : "-inf";
    }
    String text = String.format(Locale.ROOT, "%.4g", value);
    if (!text.contains("e") && text.contains(".")) {
      text = text.replaceFirst("0+$", "").replaceFirst("\\.$", "");
    }
    return text;
  }

  /** Every digit, for tables that programs read. */
  private static String exact(Double value) {
    return value == null || value.isNaN() ? "" : value.toString();
  }

  private static String text(JsonNode value) {
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static String csvField(String value) {
    return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
