package dev.ganforge.cli;

import dev.ganforge.core.sweep.Stat;
import dev.ganforge.core.sweep.TaskResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The tables of {@code gan compare}: per config, the mean and standard deviation over seeds. */
final class CompareTable {
  private final String title;
  private final List<TaskResult> results;
  private final int samples;
  private final String notes;

  CompareTable(String title, List<TaskResult> results, int samples, String notes) {
    this.title = title;
    this.results = List.copyOf(results);
    this.samples = samples;
    this.notes = notes;
  }

  /** One row per config. */
  record Row(String config, int runs, int failed, Stat modes, double modeCount, Stat highQuality,
      Stat reverseKl, Stat seconds) {}

  List<Row> rows() {
    Map<String, List<TaskResult>> byConfig = new LinkedHashMap<>();
    for (TaskResult result : results) {
      byConfig.computeIfAbsent(result.configuration(), k -> new ArrayList<>()).add(result);
    }
    List<Row> rows = new ArrayList<>();
    byConfig.forEach((config, runs) -> {
      List<TaskResult> ok = runs.stream().filter(r -> r.failure() == null).toList();
      rows.add(new Row(config, runs.size(), runs.size() - ok.size(),
          stat(ok, r -> r.metrics().get("modes")),
          ok.isEmpty() ? Double.NaN : ok.get(0).metrics().get("mode-count"),
          stat(ok, r -> r.metrics().get("high-quality")),
          stat(ok, r -> r.metrics().get("reverse-kl")),
          stat(ok, TaskResult::trainSeconds)));
    });
    return rows;
  }

  private static Stat stat(List<TaskResult> runs, ToDoubleFunction<TaskResult> value) {
    return Stat.of(runs.stream().map(r -> value.applyAsDouble(r)).toList());
  }

  String markdown(String command) {
    StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
    md.append("Produced by `").append(command).append("`. ").append(samples)
        .append(" samples per run (PacGAN protocol, Lin et al. 2018). High quality: the fraction of samples "
            + "within 3 standard deviations of their nearest mode. A mode is captured when at least 20 "
            + "high-quality samples fall on it. Reverse KL: KL(histogram of high-quality samples over modes "
            + "|| uniform). Mean ± standard deviation over seeds; training time on the machine that ran it.\n\n");
    md.append("| config | seeds | modes | high quality | reverse KL | training time |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Row row : rows()) {
      md.append("| ").append(row.config()).append(" | ").append(row.runs() - row.failed())
          .append(row.failed() > 0 ? " (" + row.failed() + " diverged)" : "").append(" | ")
          .append(row.modes().format("%.1f", 1)).append(" / ").append(Math.round(row.modeCount())).append(" | ")
          .append(row.highQuality().format("%.1f", 100)).append(" % | ")
          .append(row.reverseKl().format("%.3f", 1)).append(" | ")
          .append(row.seconds().format("%.0f", 1)).append(" s |\n");
    }
    if (!notes.isBlank()) {
      md.append('\n').append(notes.strip()).append('\n');
    }
    md.append("\n## Runs\n\n| config | seed | modes | high quality | reverse KL | training time |\n|---|---|---|---|---|---|\n");
    for (TaskResult r : results) {
      if (r.failure() != null) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | | | %.0f s |%n", r.configuration(), r.seed(), r.failure(), r.trainSeconds()));
      } else {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f %% | %.3f | %.0f s |%n", r.configuration(), r.seed(),
            Math.round(r.metrics().get("modes")), 100 * r.metrics().get("high-quality"),
            r.metrics().get("reverse-kl"), r.trainSeconds()));
      }
    }
    return md.toString();
  }

  String csv() {
    StringBuilder csv = new StringBuilder("config,seed,modes,mode_count,high_quality,reverse_kl,train_seconds,failure\n");
    for (TaskResult r : results) {
      Map<String, Double> m = r.metrics();
      csv.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%.1f,%s%n", r.configuration(), r.seed(),
          value(m, "modes"), value(m, "mode-count"), value(m, "high-quality"), value(m, "reverse-kl"),
          r.trainSeconds(), r.failure() == null ? "" : r.failure()));
    }
    return csv.toString();
  }

  String text() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-28s %-6s %-16s %-18s %-18s %s%n",
        "config", "seeds", "modes", "high quality %", "reverse KL", "time s"));
    for (Row row : rows()) {
      text.append(String.format(Locale.ROOT, "%-28s %-6s %-16s %-18s %-18s %s%n", row.config(),
          row.runs() - row.failed(), row.modes().format("%.1f", 1), row.highQuality().format("%.1f", 100),
          row.reverseKl().format("%.3f", 1), row.seconds().format("%.0f", 1)));
    }
    return text.toString();
  }

  private static String value(Map<String, Double> metrics, String key) {
    Double v = metrics.get(key);
    return v == null ? "" : String.format(Locale.ROOT, "%.6g", v);
  }
}
