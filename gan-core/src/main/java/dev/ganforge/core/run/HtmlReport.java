package dev.ganforge.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code RUN_DIR/report.html}: the run at a glance, for a browser with no server: the config, loss,
 * score, gradient-norm, diagnostic and metric curves (PNG files in {@code RUN_DIR/report/}), the latest
 * sample grid, the latest metric values and the alerts. Rewritten at every checkpoint and at the end.
 */
public final class HtmlReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HtmlReport() {}

  /** Writes (or rewrites) the report of the run in {@code directory}. */
  public static Path write(Path directory) {
    try {
      Map<String, List<double[]>> series = readMetrics(directory.resolve("metrics.jsonl"));
      Path images = directory.resolve("report");
      Files.createDirectories(images);
      StringBuilder html = new StringBuilder();
      html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>GANForge run: ")
          .append(escape(directory.getFileName().toString())).append("</title>\n<style>")
          .append("body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}")
          .append("img{max-width:100%;border:1px solid #ddd}table{border-collapse:collapse}")
          .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
          .append("pre{background:#f6f6f6;padding:1em;overflow:auto}.alert{color:#a40000}</style></head><body>\n")
          .append("<h1>Run ").append(escape(directory.getFileName().toString())).append("</h1>\n");
      long lastStep = series.values().stream().flatMap(List::stream).mapToLong(point -> (long) point[0]).max()
          .orElse(0);
      html.append("<p>Logged up to step ").append(lastStep).append(".</p>\n");

      html.append("<h2>Latest samples</h2>\n");
      latestSamples(directory).ifPresentOrElse(
          sample -> html.append("<p><img alt=\"latest samples\" src=\"samples/").append(escape(sample))
              .append("\"><br>").append(escape(sample)).append("</p>\n"),
          () -> html.append("<p>No samples yet.</p>\n"));

      html.append("<h2>Curves</h2>\n");
      chart(html, images, "losses", "Losses", select(series, "loss/"), false);
      chart(html, images, "scores", "Mean D scores", select(series, "score/"), false);
      chart(html, images, "gradient-norms", "Gradient norms (L2)", select(series, "gradient-norm/"), true);
      chart(html, images, "diagnostics", "D loss variance over the alert window", select(series, "diagnostics/"), true);
      chart(html, images, "penalties", "Penalties", select(series, "penalty/"), false);
      chart(html, images, "metrics", "Metrics", select(series, "metric/"), false);
      // What schedules and features record (progressive growing's resolution and fade-in weight): a chart
      // each, since their scales have nothing in common.
      for (Map.Entry<String, List<double[]>> recorded : unknown(series).entrySet()) {
        chart(html, images, "recorded-" + recorded.getKey().replaceAll("[^A-Za-z0-9]+", "-"), recorded.getKey(),
            Map.of(recorded.getKey(), recorded.getValue()), false);
      }

      html.append("<h2>Metrics</h2>\n");
      Map<String, List<double[]>> metrics = select(series, "metric/");
      if (metrics.isEmpty()) {
        html.append("<p>No metric was evaluated during training (see <code>metrics:</code> and "
            + "<code>gan eval</code>).</p>\n");
      } else {
        html.append("<table><tr><th>metric</th><th>step</th><th>value</th></tr>\n");
        metrics.forEach((name, points) -> {
          double[] last = points.get(points.size() - 1);
          html.append("<tr><td>").append(escape(name)).append("</td><td>").append((long) last[0])
              .append("</td><td>").append(String.format(Locale.ROOT, "%.5g", last[1])).append("</td></tr>\n");
        });
        html.append("</table>\n");
      }

      html.append("<h2>Alerts</h2>\n");
      Path alerts = directory.resolve("alerts.jsonl");
      List<String> alertLines = Files.exists(alerts) ? Files.readAllLines(alerts) : List.of();
      if (alertLines.isEmpty()) {
        html.append("<p>None.</p>\n");
      } else {
        html.append("<table><tr><th>step</th><th>alert</th><th>what happened</th><th>action</th></tr>\n");
        for (String line : alertLines) {
          JsonNode alert = JSON.readTree(line);
          html.append("<tr class=\"alert\"><td>").append(alert.path("step").asLong()).append("</td><td>")
              .append(escape(alert.path("alert").asText())).append("</td><td>")
              .append(escape(alert.path("message").asText())).append("</td><td>")
              .append(escape(alert.path("action").asText())).append("</td></tr>\n");
        }
        html.append("</table>\n");
      }

      html.append("<h2>Config</h2>\n<pre>");
      Path config = directory.resolve("config.yaml");
      html.append(escape(Files.exists(config) ? Files.readString(config) : "(missing)")).append("</pre>\n");
      html.append("</body></html>\n");

      Path report = directory.resolve("report.html");
      Path partial = directory.resolve(".partial-report.html");
      Files.writeString(partial, html);
      Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Points {@code [step, value]} by metric name, in file order. */
  private static Map<String, List<double[]>> readMetrics(Path file) throws IOException {
    Map<String, List<double[]>> series = new TreeMap<>();
    if (!Files.exists(file)) {
      return series;
    }
    try (Stream<String> lines = Files.lines(file)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode point = JSON.readTree(line);
        if (point.path("value").isNumber()) {
          series.computeIfAbsent(point.path("name").asText(), name -> new ArrayList<>())
              .add(new double[] {point.path("step").asDouble(), point.path("value").asDouble()});
        }
      }
    }
    return series;
  }

  private static Map<String, List<double[]>> select(Map<String, List<double[]>> series, String prefix) {
    Map<String, List<double[]>> selected = new LinkedHashMap<>();
    series.forEach((name, points) -> {
      if (name.startsWith(prefix)) {
        selected.put(name, points);
      }
    });
    return selected;
  }

  /** The series no chart above shows, by name; wall-clock times are left out. */
  private static Map<String, List<double[]>> unknown(Map<String, List<double[]>> series) {
    List<String> known = List.of("loss/", "score/", "gradient-norm/", "diagnostics/", "penalty/", "metric/", "time/");
    Map<String, List<double[]>> rest = new TreeMap<>();
    series.forEach((name, points) -> {
      if (known.stream().noneMatch(name::startsWith)) {
        rest.put(name, points);
      }
    });
    return rest;
  }

  private static void chart(StringBuilder html, Path images, String file, String title,
      Map<String, List<double[]>> series, boolean logY) throws IOException {
    if (series.isEmpty()) {
      return;
    }
    Map<String, Charts.Series> lines = new LinkedHashMap<>();
    series.forEach((name, points) -> lines.put(name, new Charts.Series(
        points.stream().mapToDouble(point -> point[0]).toArray(),
        points.stream().mapToDouble(point -> point[1]).toArray())));
    Charts.lines(images.resolve(file + ".png"), title, "step", "", lines, logY);
    html.append("<p><img alt=\"").append(escape(title)).append("\" src=\"report/").append(file).append(".png\"></p>\n");
  }

  /** The newest fixed-noise sample image, {@code step-NNNNNN.png}. */
  private static java.util.Optional<String> latestSamples(Path directory) throws IOException {
    Path samples = directory.resolve("samples");
    if (!Files.isDirectory(samples)) {
      return java.util.Optional.empty();
    }
    try (Stream<Path> files = Files.list(samples)) {
      return files.map(path -> path.getFileName().toString()).filter(name -> name.matches("step-\\d+\\.png"))
          .max(String::compareTo);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
