package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganforge.metrics.features.Extractors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature metrics from the command line, on Fashion-MNIST: {@code gan classifier train} saves the
 * domain classifier where the metrics look, metrics listed in a config run during training, and
 * {@code gan eval} measures a checkpoint. A few training steps keep it fast; the numbers' quality is the
 * business of the statistics tests and of the measured runs in the issue notes.
 */
final class MetricsCommandsTest {
  private static final String CONFIG = """
      seed: 9
      data: {type: fashion-mnist, split: train}
      latent: {size: 16}
      generator:
        layers:
          - {type: dense, units: 784, activation: tanh}
          - {type: reshape, shape: [1, 28, 28]}
      discriminator:
        layers:
          - {type: flatten}
          - {type: dense, units: 32, activation: leaky-relu}
          - {type: dense, units: 1}
      loss: {type: non-saturating}
      metrics:
        - {type: fid, every: 10, samples: 300}
        - {type: kid, every: 20, samples: 300, subsets: 5, subsetSize: 100}
      training: {steps: 20, batchSize: 32, sampleEvery: 10, checkpointEvery: 10, logEvery: 5}
      """;

  @TempDir static Path home;
  @TempDir Path directory;

  @BeforeAll
  static void trainAClassifier() {
    assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
        "Fashion-MNIST is absent; install it with: apt-get install dataset-fashion-mnist");
    System.setProperty(Extractors.HOME_PROPERTY, home.toString());
    GanCli.Result result = GanCli.run("classifier", "train", "--data", "fashion-mnist", "--steps", "40", "--batch-size", "64");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("test accuracy").contains("saved to " + home.resolve("classifiers/fashion-mnist.zip"));
  }

  @AfterAll
  static void clearHome() {
    System.clearProperty(Extractors.HOME_PROPERTY);
  }

  @Test
  void metricsListedInTheConfigRunDuringTrainingAndEvalMeasuresACheckpoint() throws Exception {
    Path config = Files.writeString(directory.resolve("tiny.yaml"), CONFIG);
    Path run = directory.resolve("run");
    assertThat(GanCli.run("train", config.toString(), "--out", run.toString(), "--no-progress").exitCode()).isZero();

    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertThat(lines).anyMatch(line -> line.startsWith("{\"step\":10,\"name\":\"metric/fid\""))
        .anyMatch(line -> line.startsWith("{\"step\":10,\"name\":\"metric/fid-floor\""))
        .anyMatch(line -> line.startsWith("{\"step\":20,\"name\":\"metric/kid\""))
        .noneMatch(line -> line.startsWith("{\"step\":10,\"name\":\"metric/kid\""));
    JsonNode provenance = new ObjectMapper().readTree(run.resolve("metric-provenance.json").toFile());
    assertThat(provenance.get("step").asLong()).isEqualTo(20);
    assertThat(provenance.get("measuredWith").get("kid").get("extractor").asText()).startsWith("fashion-mnist.zip@");
    assertThat(provenance.get("measuredWith").get("fid").get("samples").asText()).isEqualTo("300");

    GanCli.Result eval = GanCli.run("eval", run.toString(), "--metric", "fid", "--metric", "inception-score",
        "--metric", "precision-recall", "--n", "300", "--checkpoint", "10");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(eval.out());
    assertThat(result.get("checkpoint").asText()).isEqualTo("step-000010");
    JsonNode metrics = result.get("metrics");
    // 20 steps of a linear generator are nowhere near the data; the train and test splits are close
    assertThat(metrics.get("fid").asDouble()).isGreaterThan(10 * metrics.get("fid-floor").asDouble());
    assertThat(metrics.get("inception-score").asDouble()).isBetween(1.0, 10.0);
    assertThat(metrics.get("precision").asDouble()).isBetween(0.0, 1.0);
    assertThat(result.get("measuredWith").get("fid").get("extractor").asText()).startsWith("fashion-mnist.zip@");
    assertThat(Files.readAllLines(run.resolve("evaluations.jsonl"))).hasSize(1);

    GanCli.Result noise = GanCli.run("eval", run.toString(), "--metric", "fid", "--n", "300", "--baseline", "noise");
    assertThat(noise.exitCode()).as(noise.err()).isZero();
    JsonNode baseline = new ObjectMapper().readTree(noise.out());
    assertThat(baseline.get("baseline").asText()).isEqualTo("noise");
    assertThat(baseline.get("metrics").get("fid").asDouble()).isGreaterThan(10 * metrics.get("fid-floor").asDouble());
  }

  @Test
  void evalWithoutMetricsSaysHowToNameThem() throws Exception {
    Path config = Files.writeString(directory.resolve("bare.yaml"),
        CONFIG.replaceAll("(?s)metrics:.*?training:", "training:").replace("steps: 20", "steps: 10"));
    Path run = directory.resolve("bare");
    assertThat(GanCli.run("train", config.toString(), "--out", run.toString(), "--no-progress").exitCode()).isZero();

    GanCli.Result eval = GanCli.run("eval", run.toString());

    assertThat(eval.exitCode()).isEqualTo(2);
    assertThat(eval.err()).contains("nothing to evaluate: name metrics with --metric");
  }
}
