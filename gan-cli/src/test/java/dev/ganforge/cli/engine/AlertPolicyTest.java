package dev.ganforge.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.cli.GanMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert policies' mechanics, made deterministic with a collapse threshold every healthy D loss is
 * below: {@code stop} checkpoints and stops; {@code rollback} returns to the last checkpoint from before
 * the window, halves the learning rates (in config.yaml too), cuts the metrics log back, and stops once
 * the rollbacks are used up. Whether a rollback cures a real failure is shown by a measured run (issue
 * notes), not here.
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

    assertThat(gan(err, "train", config.toString(), "--out", run.toString(), "--no-progress")).isEqualTo(1);

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
    // From step 100 on, every full window of D losses counts as collapsed; the resumed monitor already
    // holds a full window (same window size), so the first alert comes at step 101.
    Path runConfig = run.resolve("config.yaml");
    Files.writeString(runConfig, Files.readString(runConfig).replaceFirst("(?s)alerts:.*?\\n(?=\\w)",
        "alerts: {policy: rollback, window: 20, collapseBelow: 10, rollbackFactor: 0.5, maxRollbacks: 2}\n"));

    assertThat(gan(err, "resume", run.toString(), "--steps", "200", "--no-progress")).isEqualTo(1);

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
}
