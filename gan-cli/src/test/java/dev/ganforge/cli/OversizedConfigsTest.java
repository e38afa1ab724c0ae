package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes a config can name but no process can train are refused by {@code gan validate} and
 * {@code gan train} alike, with the estimate and the limit, before anything is allocated or written.
 */
final class OversizedConfigsTest {
  private static final String RING = """
      data: {type: gaussian-ring}
      latent: {size: 4}
      generator: {layers: [{type: dense, units: %s, activation: relu}, {type: dense, units: 2}]}
      discriminator: {layers: [{type: dense, units: 8}, {type: dense, units: 1}]}
      loss: {type: non-saturating}
      training: {batchSize: %s}
      """;

  @TempDir Path directory;

  private Path config(String name, String text) throws IOException {
    return Files.writeString(directory.resolve(name), text);
  }

  @Test
  void aLayerOfTwoBillionUnitsIsRefusedWithItsMemoryEstimate() throws IOException {
    Path config = config("units.yaml", RING.formatted("2000000000", "64"));

    GanCli.Result validate = GanCli.run("validate", config.toString());

    assertThat(validate.exitCode()).isEqualTo(2);
    assertThat(validate.err()).contains("training this model needs about 1.1 TiB").contains("more than the")
        .contains("maxphysicalbytes");
  }

  @Test
  void aBillionSampleBatchIsRefusedBeforeARunDirectoryIsMade() throws IOException {
    Path config = config("batch.yaml", RING.formatted("16", "1000000000"));
    Path run = directory.resolve("run");

    GanCli.Result train = GanCli.run("train", config.toString(), "--out", run.toString(), "--no-progress");

    assertThat(train.exitCode()).isEqualTo(2);
    assertThat(train.err()).contains("at training.batchSize 1000000000").doesNotContain("looks like a bug");
    assertThat(run).doesNotExist();
  }

  @Test
  void tenThousandLayersAndFiftyMegabyteConfigsAreRefusedAtOnce() throws IOException {
    StringBuilder deep = new StringBuilder("data: {type: gaussian-ring}\ngenerator:\n  layers:\n");
    deep.append("    - {type: dense, units: 4}\n".repeat(10_000)).append("    - {type: dense, units: 2}\n");
    deep.append("discriminator: {layers: [{type: dense, units: 1}]}\nloss: {type: non-saturating}\n");
    Path huge = config("huge.yaml", "# " + "x".repeat(50_000_000) + "\n");

    GanCli.Result layers = GanCli.run("validate", config("deep.yaml", deep.toString()).toString());
    GanCli.Result size = GanCli.run("validate", huge.toString());

    assertThat(layers.exitCode()).isEqualTo(2);
    assertThat(layers.err()).contains("generator.layers: has 10001 layers; a network has at most 1000");
    assertThat(size.exitCode()).isEqualTo(2);
    assertThat(size.err()).as("refused by its size, before parsing").contains("a config is at most 1048576 bytes");
  }
}
