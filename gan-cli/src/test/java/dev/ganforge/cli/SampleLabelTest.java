package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan sample --label}: drawing one class of a conditional model, and the errors around it. */
final class SampleLabelTest {
  private static final String CONDITIONAL_RING = """
      seed: 4
      data: {type: gaussian-ring, modes: 4, radius: 2.0, stddev: 0.05, labelled: true}
      latent: {size: 4}
      generator:
        layers:
          - {type: label-embedding}
          - {type: dense, units: 16, activation: relu}
          - {type: dense, units: 2}
      discriminator:
        layers:
          - {type: label-embedding}
          - {type: dense, units: 16, activation: leaky-relu}
          - {type: dense, units: 1}
      loss: {type: non-saturating}
      training: {steps: 5, batchSize: 16, sampleEvery: 5, checkpointEvery: 5}
      """;

  @TempDir Path directory;

  @Test
  void drawsTheChosenClassAndRefusesOthers() throws Exception {
    Path config = Files.writeString(directory.resolve("ring.yaml"), CONDITIONAL_RING);
    Path run = directory.resolve("run");
    assertThat(GanCli.run("train", config.toString(), "--out", run.toString(), "--no-progress").exitCode()).isZero();

    GanCli.Result sampled = GanCli.run("sample", run.toString(), "--label", "2", "--n", "10",
        "--out", directory.resolve("two.csv").toString());
    assertThat(sampled.exitCode()).as(sampled.err()).isZero();
    assertThat(sampled.out()).contains("wrote 10 samples of class 2 from step-000005");
    List<String> lines = Files.readAllLines(directory.resolve("two.csv"));
    assertThat(lines).hasSize(11); // header and 10 samples

    GanCli.Result outOfRange = GanCli.run("sample", run.toString(), "--label", "4");
    assertThat(outOfRange.exitCode()).isEqualTo(2);
    assertThat(outOfRange.err()).contains("--label must be a class from 0 to 3, got 4");
  }

  @Test
  void anUnconditionalRunHasNoClassToChoose() throws Exception {
    Path config = Files.writeString(directory.resolve("ring.yaml"), CONDITIONAL_RING
        .replace("labelled: true", "labelled: false").replace("    - {type: label-embedding}\n", ""));
    Path run = directory.resolve("run");
    assertThat(GanCli.run("train", config.toString(), "--out", run.toString(), "--no-progress").exitCode()).isZero();

    GanCli.Result result = GanCli.run("sample", run.toString(), "--label", "0");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--label: the run's model is not conditional");
  }
}
