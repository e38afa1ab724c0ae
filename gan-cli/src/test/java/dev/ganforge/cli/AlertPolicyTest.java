package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert policies' mechanics, made deterministic with a collapse threshold every healthy D loss is
 * below: {@code stop} checkpoints and stops; {@code rollback} returns to the last checkpoint from before
 * the window, halves the learning rates (in config.yaml too), cuts the metrics log back, and stops once
 * the rollbacks are used up. And a real failure: an MLP GAN whose SGD learning rate is 10x too high
 * diverges within steps; rollback brings it back and it trains to the end.
 */
final class AlertPolicyTest {
  private static final String CONFIG = """
      seed: 4
      data: {type: gaussian-ring}
      latent: {size: 4}
      generator:
        layers:
          - {type: dense, units: 16, activation: relu}
          - {type: dense, units: 2}
        optimizer: {type: adam, learningRate: 0.001}
      discriminator:
        layers:
          - {type: dense, units: 16, activation: leaky-relu}
          - {type: dense, units: 1}
        optimizer: {type: adam, learningRate: 0.001}
      loss: {type: non-saturating}
      alerts: %s
      training: {steps: 100, batchSize: 32, logEvery: 1, sampleEvery: 100, checkpointEvery: 20, keepCheckpoints: 3}
      """;

  @TempDir Path directory;

  private static int gan(StringWriter err, String... args) {
    return GanMain.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
  }

  @Test
  void stopCheckpointsAndStopsAtTheFirstAlert() throws Exception {
    Path config = Files.writeString(directory.resolve("stop.yaml"),
        CONFIG.formatted("{policy: stop, window: 20, collapseBelow: 10}"));
    Path run = directory.resolve("run");
    StringWriter err = new StringWriter();

    assertThat(gan(err, "train", config.toString(), "--out", run.toString(), "--no-progress"))
        .as("exit 5: the alert policy stopped the run").isEqualTo(5);

    assertThat(err.toString()).contains("alert at step 20 (discriminator-loss-collapse)")
        .contains("training stopped at step 20").contains("alerts.policy is stop").contains("gan resume " + run);
    assertThat(Files.readString(run.resolve("checkpoints/latest")).trim()).isEqualTo("step-000020");
    assertThat(Files.readAllLines(run.resolve("alerts.jsonl"))).singleElement().asString()
        .contains("\"alert\":\"discriminator-loss-collapse\"").contains("\"action\":\"stopped (alerts.policy is stop)\"");
  }

  @Test
  void rollbackReturnsToACheckpointFromBeforeTheWindowWithLowerLearningRatesUntilItsRollbacksAreUsedUp()
      throws Exception {
    Path config = Files.writeString(directory.resolve("quiet.yaml"), CONFIG.formatted("{policy: warn, window: 20}"));
    Path run = directory.resolve("run");
    StringWriter err = new StringWriter();
    assertThat(gan(err, "train", config.toString(), "--out", run.toString(), "--no-progress")).isZero();
    // keepCheckpoints: 3 keeps the newest three, and the untrained networks besides
    try (var names = Files.list(run.resolve("checkpoints"))) {
      assertThat(names.map(name -> name.getFileName().toString()).sorted())
          .containsExactly("latest", "step-000000", "step-000060", "step-000080", "step-000100");
    }
    // From step 100 on, every full window of D losses counts as collapsed; the resumed monitor already
    // holds a full window (same window size), so the first alert comes at step 101.
    Path runConfig = run.resolve("config.yaml");
    Files.writeString(runConfig, Files.readString(runConfig).replaceFirst("(?s)alerts:.*?\\n(?=\\w)",
        "alerts: {policy: rollback, window: 20, collapseBelow: 10, rollbackFactor: 0.5, maxRollbacks: 2}\n"));

    assertThat(gan(err, "resume", run.toString(), "--steps", "200", "--no-progress"))
        .as("exit 5: rollback gave up after maxRollbacks").isEqualTo(5);

    List<String> alerts = Files.readAllLines(run.resolve("alerts.jsonl"));
    assertThat(alerts).hasSize(3);
    assertThat(alerts.get(0)).contains("\"step\":101").contains("rolled back to step-000080 with learning rates x0.5 (rollback 1 of 2)");
    assertThat(alerts.get(1)).contains("\"step\":100").contains("rolled back to step-000080 with learning rates x0.5 (rollback 2 of 2)");
    assertThat(alerts.get(2)).contains("\"step\":100").contains("stopped (after 2 rollbacks (alerts.maxRollbacks))");
    assertThat(Files.readString(runConfig)).contains("learningRate: 2.5E-4");
    // the metrics log was cut back to step 80 at each rollback: no line repeats a step
    List<String> steps = Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .filter(line -> line.contains("\"loss/discriminator\"")).toList();
    assertThat(steps).doesNotHaveDuplicates().hasSize(100);
    assertThat(err.toString()).contains("alert at step 101 (discriminator-loss-collapse)");
  }

  /**
   * Fashion-MNIST MLP GAN, SGD with momentum 0.5: it trains at learning rate 0.03 (README, "Failure
   * alerts"); at 0.3 its losses turn NaN within ten steps.
   */
  private static final String TEN_TIMES_TOO_HOT = """
      seed: 2
      data: {type: fashion-mnist, split: train}
      latent: {size: 100, distribution: normal}
      generator:
        layers:
          - {type: dense, units: 256, activation: leaky-relu, leakySlope: 0.2}
          - {type: dense, units: 512, activation: leaky-relu, leakySlope: 0.2}
          - {type: dense, units: 784, activation: tanh}
          - {type: reshape, shape: [1, 28, 28]}
        optimizer: {type: sgd, learningRate: 0.3, momentum: 0.5}
      discriminator:
        layers:
          - {type: flatten}
          - {type: dense, units: 512, activation: leaky-relu, leakySlope: 0.2}
          - {type: dense, units: 256, activation: leaky-relu, leakySlope: 0.2}
          - {type: dense, units: 1}
        optimizer: {type: sgd, learningRate: 0.3, momentum: 0.5}
      loss: {type: non-saturating}
      alerts: {policy: %s, window: 50}
      training: {steps: 300, batchSize: 64, logEvery: 1, sampleEvery: 300, checkpointEvery: 50}
      """;

  @Test
  void aLearningRateTenTimesTooHighDivergesAndRollbackRecoversFromIt() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
        "Fashion-MNIST is absent; install it with: apt-get install dataset-fashion-mnist");
    Path warned = directory.resolve("warned");
    StringWriter err = new StringWriter();
    assertThat(gan(err, "train", Files.writeString(directory.resolve("warn.yaml"), TEN_TIMES_TOO_HOT.formatted("warn"))
        .toString(), "--out", warned.toString(), "--no-progress")).as("exit 4: diverged").isEqualTo(4);
    // It blows up within steps: past alerts.divergeAbove (1e8), or all the way to NaN.
    assertThat(err.toString()).containsPattern(
        "training diverged at step \\d: the generator loss is (NaN|Infinity|\\S+, beyond alerts.divergeAbove)");

    Path recovered = directory.resolve("recovered");
    err = new StringWriter();
    assertThat(gan(err, "train", Files.writeString(directory.resolve("rollback.yaml"),
        TEN_TIMES_TOO_HOT.formatted("rollback")).toString(), "--out", recovered.toString(), "--no-progress")).isZero();

    List<String> alerts = Files.readAllLines(recovered.resolve("alerts.jsonl"));
    assertThat(alerts).isNotEmpty().allMatch(line -> line.contains("rolled back to step-0000"));
    assertThat(alerts.get(0)).containsPattern("\"alert\":\"(not-finite|exploding-loss)\"")
        .contains("rolled back to step-000000");
    assertThat(Files.readString(recovered.resolve("checkpoints/latest")).trim()).isEqualTo("step-000300");
    // Recovered: the last 50 steps' D losses are finite and far from collapse, and D still cannot tell
    // real from fake outright (a loss of 2 ln 2 = 1.39 is chance; 0 is a D that has won).
    double[] last = lastValues(recovered.resolve("metrics.jsonl"), "loss/discriminator", 50);
    assertThat(java.util.Arrays.stream(last).allMatch(Double::isFinite)).as("all finite").isTrue();
    assertThat(java.util.Arrays.stream(last).average().orElseThrow()).isBetween(0.3, 2.0);
    assertThat(Files.readString(recovered.resolve("config.yaml"))).doesNotContain("learningRate: 0.3");
  }

  private static double[] lastValues(Path metrics, String name, int count) throws Exception {
    Pattern value = Pattern.compile("\"name\":\"" + Pattern.quote(name) + "\",\"value\":([^}]+)}");
    List<Double> values = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(metrics)) {
      Matcher matcher = value.matcher(line);
      if (matcher.find()) {
        values.add(Double.parseDouble(matcher.group(1)));
      }
    }
    return values.subList(values.size() - count, values.size()).stream().mapToDouble(Double::doubleValue).toArray();
  }
}
