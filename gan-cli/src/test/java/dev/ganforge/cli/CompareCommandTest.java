package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.core.sweep.TaskResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan compare}: the table's statistics, the files it writes, and that a rerun reuses finished runs. */
final class CompareCommandTest {
  private static final String CONFIG = """
      seed: %d
      data: {type: gaussian-ring}
      latent: {size: 4}
      generator: {layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2}]}
      discriminator: {layers: [{type: dense, units: 8, activation: leaky-relu}, {type: dense, units: 1}]}
      loss: {type: %s}
      training: {steps: 20, batchSize: 16, sampleEvery: 20, checkpointEvery: 10}
      """;

  @TempDir Path directory;

  @Test
  void statisticsAreMeanAndSampleStandardDeviationPerConfig() {
    List<TaskResult> results = List.of(
        result("a", 1, 25, 0.90, 0.1), result("a", 2, 23, 0.94, 0.3), result("a", 3, 24, 0.98, 0.2),
        result("b", 1, 8, 0.5, 1.0),
        new TaskResult("b", 2, Map.of(), 4, "diverged at step 7", false));
    List<CompareTable.Row> rows = new CompareTable("t", results, 2500, "").rows();

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).modes().mean()).isCloseTo(24, within(1e-12));
    assertThat(rows.get(0).modes().stddev()).isCloseTo(1, within(1e-12)); // sqrt(((1)^2 + (-1)^2 + 0) / 2)
    assertThat(rows.get(0).highQuality().mean()).isCloseTo(0.94, within(1e-12));
    assertThat(rows.get(0).highQuality().stddev()).isCloseTo(0.04, within(1e-12));
    assertThat(rows.get(1).failed()).isEqualTo(1);
    assertThat(rows.get(1).modes().stddev()).as("one run: no spread").isZero();
    String markdown = new CompareTable("Title", results, 2500, "Published: 17.3 modes.").markdown("gan compare x");
    assertThat(markdown).contains("| a | 3 | 24.0 ± 1.0 / 25 | 94.0 ± 4.0 % | 0.200 ± 0.100 |")
        .contains("| b | 1 (1 diverged) |").contains("Published: 17.3 modes.").contains("diverged at step 7");
  }

  @Test
  void trainsEverySeedWritesTheTablesAndReusesFinishedRuns() throws IOException {
    Path nonSaturating = Files.writeString(directory.resolve("ns.yaml"), CONFIG.formatted(3, "non-saturating"));
    Path hinge = Files.writeString(directory.resolve("hinge.yaml"), CONFIG.formatted(5, "hinge"));
    Path out = directory.resolve("compare");
    Path page = directory.resolve("page.md");

    GanCli.Result first = GanCli.run("compare", nonSaturating.toString(), hinge.toString(), "--seeds", "2",
        "--out", out.toString(), "--markdown", page.toString(), "--no-progress");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(out.resolve("runs/ns/seed-3/checkpoints/latest")).exists();
    assertThat(out.resolve("runs/hinge/seed-6/checkpoints/latest")).exists();
    List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
    assertThat(csv).hasSize(1 + 4);
    assertThat(csv.get(0)).isEqualTo("config,seed,modes,mode_count,high_quality,reverse_kl,train_seconds,failure");
    assertThat(Files.readString(page)).isEqualTo(Files.readString(out.resolve("compare.md")))
        .contains("| ns | 2 |").contains("| hinge | 2 |");

    long modified = Files.getLastModifiedTime(out.resolve("runs/ns/seed-3/metrics.jsonl")).toMillis();
    GanCli.Result again = GanCli.run("compare", nonSaturating.toString(), hinge.toString(), "--seeds", "2",
        "--out", out.toString(), "--no-progress");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(Files.getLastModifiedTime(out.resolve("runs/ns/seed-3/metrics.jsonl")).toMillis())
        .as("finished runs are not retrained").isEqualTo(modified);
    assertThat(Files.readAllLines(out.resolve("compare.csv"))).as("same numbers").isEqualTo(csv);
  }

  @Test
  void refusesToReuseRunsOfAnEditedConfigAndConfigsWithTheSameName() throws IOException {
    Path config = Files.writeString(directory.resolve("ns.yaml"), CONFIG.formatted(3, "non-saturating"));
    Path out = directory.resolve("compare");
    assertThat(GanCli.run("compare", config.toString(), "--seeds", "1", "--out", out.toString(), "--no-progress")
        .exitCode()).isZero();

    Files.writeString(config, CONFIG.formatted(3, "hinge"));
    GanCli.Result edited = GanCli.run("compare", config.toString(), "--seeds", "1", "--out", out.toString(), "--no-progress");
    assertThat(edited.exitCode()).isEqualTo(7);
    assertThat(edited.err()).contains("runs/ns/seed-3 was trained from a different config than the one given now");

    Path other = Files.createDirectories(directory.resolve("other")).resolve("ns.yaml");
    Files.writeString(other, CONFIG.formatted(3, "hinge"));
    GanCli.Result twice = GanCli.run("compare", config.toString(), other.toString(), "--out", out.toString());
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err()).contains("two configs are both named 'ns'");
  }

  @Test
  void rejectsDataWithoutModes() throws IOException {
    Path images = directory.resolve("images");
    Files.createDirectories(images);
    for (int i = 0; i < 4; i++) {
      javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
          "png", images.resolve("image-" + i + ".png").toFile());
    }
    Path config = Files.writeString(directory.resolve("img.yaml"), """
        data: {type: image-folder, path: %s, size: 8, channels: 1}
        generator: {layers: [{type: dense, units: 64}]}
        discriminator: {layers: [{type: flatten}, {type: dense, units: 1}]}
        loss: {type: hinge}
        training: {steps: 2, batchSize: 2}
        """.formatted(images));
    GanCli.Result result = GanCli.run("compare", config.toString(), "--seeds", "1", "--out",
        directory.resolve("c").toString(), "--no-progress");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("img: gan compare measures mode coverage, which needs a Gaussian mixture");
    assertThat(directory.resolve("c")).as("nothing trained").doesNotExist();
  }

  private static TaskResult result(String config, long seed, double modes, double quality, double kl) {
    return new TaskResult(config, seed,
        Map.of("modes", modes, "mode-count", 25.0, "high-quality", quality, "reverse-kl", kl), 10, null, false);
  }
}
