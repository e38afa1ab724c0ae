package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resume is exact: a training process killed with SIGKILL (no shutdown hook, no flush), resumed, killed
 * again and resumed to the end logs the same metrics, line for line, as an uninterrupted run. Only the
 * wall-clock {@code time/} lines may differ in value; they must still stand at the same places.
 */
final class ExactResumeTest {
  private static final String CONFIG = """
      seed: 21
      data: {type: gaussian-grid}
      latent: {size: 8}
      generator:
        layers:
          - {type: dense, units: 32, activation: relu}
          - {type: dense, units: 2}
      discriminator:
        layers:
          - {type: dense, units: 32, activation: leaky-relu}
          - {type: dense, units: 1}
      loss: {type: non-saturating}
      training: {steps: 300, batchSize: 64, logEvery: 1, sampleEvery: 100, checkpointEvery: 25, keepCheckpoints: 2}
      """;

  /** Every option that carries state across steps: EMA, historical average, LR schedule, packing, noise. */
  private static final String STATEFUL = """
      seed: 22
      data: {type: gaussian-grid}
      latent: {size: 8}
      generator:
        layers:
          - {type: dense, units: 32, activation: relu}
          - {type: dense, units: 2}
        learningRateSchedule: {warmupSteps: 50, decay: linear, decayStart: 100, finalFactor: 0.1}
      discriminator:
        layers:
          - {type: dense, units: 32, activation: leaky-relu}
          - {type: dense, units: 1}
      loss: {type: relativistic-average}
      regularizers:
        - {type: r1, gamma: 0.1, every: 3}
        - {type: historical-averaging, weight: 0.01}
        - {type: instance-noise, stddev: 0.2, annealSteps: 200}
      training: {steps: 300, batchSize: 64, logEvery: 1, sampleEvery: 100, checkpointEvery: 25, keepCheckpoints: 2,
                 pack: 2, ema: {decay: 0.99}}
      """;

  /**
   * Layers with state or run-time scaling: spectral normalization's vectors, equalized learning rate,
   * virtual batch norm's reference batch.
   */
  private static final String LAYERS = """
      seed: 23
      data: {type: gaussian-grid}
      latent: {size: 8}
      generator:
        layers:
          - {type: equalized-dense, units: 32, activation: relu, lrMultiplier: 0.5}
          - {type: virtual-batch-norm, referenceSize: 32}
          - {type: dense, units: 2}
      discriminator:
        layers:
          - {type: spectral-dense, units: 32, activation: leaky-relu}
          - {type: virtual-batch-norm, referenceSize: 32}
          - {type: spectral-dense, units: 1}
      loss: {type: hinge}
      regularizers: [{type: r1, gamma: 0.1, every: 4}]
      training: {steps: 300, batchSize: 64, logEvery: 1, sampleEvery: 100, checkpointEvery: 25, keepCheckpoints: 2}
      """;

  /**
   * A conditional model: labels in both networks, a penalty evaluated with them, and fakes drawn for
   * random labels in the generator step ({@code reuseFakes: false}).
   */
  private static final String CONDITIONAL = """
      seed: 29
      data: {type: gaussian-ring, labelled: true}
      latent: {size: 8}
      generator:
        layers:
          - {type: label-embedding, size: 4}
          - {type: dense, units: 32, activation: relu}
          - {type: dense, units: 2}
      discriminator:
        layers:
          - {type: label-embedding, combine: add}
          - {type: dense, units: 32, activation: leaky-relu}
          - {type: dense, units: 1}
      loss: {type: non-saturating}
      regularizers: [{type: gradient-penalty, weight: 1, every: 4}]
      training: {steps: 300, batchSize: 64, logEvery: 1, sampleEvery: 100, checkpointEvery: 25, keepCheckpoints: 2,
                 reuseFakes: false}
      """;

  /**
   * Progressive growing, 7x7 to 28x28 with generator EMA: 40 steps at 7x7, 14x14 fading in over steps
   * 40 to 140, 40 steps at 14x14, 28x28 fading in over steps 180 to 280. Killed at about step 60 and
   * step 200, both in the middle of a fade.
   */
  private static final String PROGRESSIVE = """
      seed: 24
      data: {type: fashion-mnist, split: train}
      latent: {size: 8}
      generator:
        layers:
          - {type: pixel-norm}
          - {type: equalized-dense, units: 98, activation: leaky-relu}
          - {type: reshape, shape: [2, 7, 7]}
          - {type: equalized-conv2d, filters: 2, activation: leaky-relu}
          - {type: pixel-norm}
          - {type: upsample}
          - {type: equalized-conv2d, filters: 2, activation: leaky-relu}
          - {type: upsample}
          - {type: equalized-conv2d, filters: 2, activation: leaky-relu}
          - {type: equalized-conv2d, filters: 1, kernel: 1, gain: 1}
      discriminator:
        layers:
          - {type: equalized-conv2d, filters: 2, kernel: 1, activation: leaky-relu}
          - {type: equalized-conv2d, filters: 2, activation: leaky-relu}
          - {type: downsample}
          - {type: equalized-conv2d, filters: 2, activation: leaky-relu}
          - {type: downsample}
          - {type: minibatch-stddev}
          - {type: flatten}
          - {type: equalized-dense, units: 1}
      loss: {type: wasserstein}
      regularizers: [{type: gradient-penalty, weight: 10, every: 4}, {type: drift}]
      schedule: {type: progressive, stabilizeImages: 640, fadeImages: 1600}
      training: {steps: 300, batchSize: 16, logEvery: 1, sampleEvery: 100, checkpointEvery: 25, keepCheckpoints: 2,
                 ema: {decay: 0.9}}
      """;

  /**
   * Stacked GANs, a 14x14 stage then one refining it to 28x28, with batch norm in the frozen stage and a
   * generator average: 120 steps of stage 1, then stage 2, whose discriminator sees the 14x14 image beside
   * the one it judges. Killed at about step 60 (stage 1) and step 200
   * (stage 2).
   */
  private static final String STACKED = """
      seed: 25
      data: {type: fashion-mnist, split: train}
      latent: {size: 8}
      generator:
        layers:
          - {type: dense, units: 98, activation: leaky-relu}
          - {type: reshape, shape: [2, 7, 7]}
          - {type: batch-norm}
          - {type: upsample}
          - {type: conv2d, filters: 1, activation: tanh}
          - {type: stage, noiseChannels: 1}
          - {type: upsample}
          - {type: conv2d, filters: 2, activation: leaky-relu}
          - {type: conv2d, filters: 1, activation: tanh}
      discriminator:
        layers:
          - {type: conv2d, filters: 2, stride: 2, activation: leaky-relu}
          - {type: flatten}
          - {type: dense, units: 1}
      loss: {type: non-saturating}
      schedule: {type: stacked, stageSteps: [120], conditionDiscriminator: true}
      training: {steps: 300, batchSize: 16, logEvery: 1, sampleEvery: 100, checkpointEvery: 25, keepCheckpoints: 2,
                 ema: {decay: 0.9}}
      """;

  @TempDir Path directory;

  @ParameterizedTest
  @ValueSource(strings = {"plain", "stateful", "layers", "conditional", "progressive", "stacked"})
  void aRunKilledTwiceWithSigkillAndResumedLogsExactlyWhatAnUninterruptedRunLogs(String which) throws Exception {
    Path config = Files.writeString(directory.resolve("run.yaml"),
        switch (which) {
          case "plain" -> CONFIG;
          case "stateful" -> STATEFUL;
          case "conditional" -> CONDITIONAL;
          case "progressive" -> PROGRESSIVE;
          case "stacked" -> STACKED;
          default -> LAYERS;
        });
    Path straight = directory.resolve("straight");
    Path killed = directory.resolve("killed");
    boolean progressive = which.equals("progressive");
    boolean stacked = which.equals("stacked");
    if (progressive || stacked) {
      assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
          "the " + which + " case trains on Fashion-MNIST: apt-get install dataset-fashion-mnist");
    }

    assertThat(gan("train", config.toString(), "--out", straight.toString(), "--no-progress")).isZero();

    killAfterSteps(GanProcesses.launch(null, "train", config.toString(), "--out", killed.toString(), "--no-progress"),
        killed, progressive || stacked ? 60 : 40);
    if (progressive) {
      assertThat(lastAlpha(killed)).as("killed while 14x14 fades in").isStrictlyBetween(0.0, 1.0);
    }
    killAfterSteps(GanProcesses.launch(null, "resume", killed.toString(), "--no-progress"), killed,
        progressive || stacked ? 200 : 130);
    if (progressive) {
      assertThat(lastAlpha(killed)).as("killed while 28x28 fades in").isStrictlyBetween(0.0, 1.0);
    }
    assertThat(gan("resume", killed.toString(), "--no-progress")).isZero();

    List<String> expected = metrics(straight);
    List<String> actual = metrics(killed);
    assertThat(expected).hasSizeGreaterThanOrEqualTo(300 * 5);
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      if (expected.get(i).contains("\"time/step-ms\"")) {
        assertThat(actual.get(i)).as("line " + (i + 1)).startsWith(expected.get(i).substring(0, expected.get(i).indexOf("\"value\"")));
      } else {
        assertThat(actual.get(i)).as("line " + (i + 1)).isEqualTo(expected.get(i));
      }
    }
    // What metrics do not show: the generator's average and the regularizers' state, bit for bit.
    Path last = Path.of("checkpoints", "step-000300");
    List<String> arrays = switch (which) {
      case "stateful" -> List.of("generator-ema.npy", "regularizer-1-average.npy");
      case "progressive" -> List.of("generator-ema.npy", "progressive-images.npy", "progressive-built-lod.npy");
      case "stacked" -> List.of("generator-ema.npy", "stacked-built-stage.npy");
      default -> List.of();
    };
    for (String array : arrays) {
      assertThat(Files.readAllBytes(killed.resolve(last).resolve(array))).as(array)
          .isEqualTo(Files.readAllBytes(straight.resolve(last).resolve(array)));
    }
    // Both networks' parameters, spectral normalization's vectors and VBN's reference batches among them.
    if (which.equals("layers") || progressive || stacked) {
      for (String network : List.of("generator.zip", "discriminator.zip")) {
        assertThat(ModelSerializer.restoreMultiLayerNetwork(killed.resolve(last).resolve(network).toFile()).params())
            .as(network)
            .isEqualTo(ModelSerializer.restoreMultiLayerNetwork(straight.resolve(last).resolve(network).toFile())
                .params());
      }
    }
  }

  /** Waits until the run has logged {@code steps} steps (or finished), then kills it with SIGKILL. */
  private static void killAfterSteps(Process process, Path run, int steps) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (process.isAlive() && GanProcesses.loggedSteps(run) < steps && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(process.isAlive()).as("the run was still training when it was killed").isTrue();
    process.destroyForcibly(); // SIGKILL on Linux and macOS
    process.waitFor();
    assertThat(GanProcesses.loggedSteps(run)).as("killed mid-run").isBetween((long) steps, 299L);
  }

  private static int gan(String... args) {
    StringWriter err = new StringWriter();
    int code = GanMain.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(err.toString()).doesNotContain("error:");
    return code;
  }

  /** The fade-in weight the run logged last. */
  private static double lastAlpha(Path run) throws IOException {
    List<String> alphas = metrics(run).stream()
        .filter(line -> line.contains("\"progressive/alpha\"") && line.endsWith("}")).toList();
    String last = alphas.get(alphas.size() - 1);
    return Double.parseDouble(last.substring(last.indexOf("\"value\":") + 8, last.lastIndexOf('}')));
  }

  private static List<String> metrics(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl"));
  }
}
