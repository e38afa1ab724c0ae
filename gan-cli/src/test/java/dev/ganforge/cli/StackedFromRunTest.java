package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stacked GAN's earlier stages named by run directory: run A trains both stages of an 8x8 stack (a
 * 4x4 stage, then the refinement); run B, with {@code from: A}, trains only the last stage on A's first
 * stage, which it keeps frozen at A's weights.
 */
final class StackedFromRunTest {
  private static final String CONFIG = """
      seed: 5
      data: {type: image-folder, path: %s, size: 8, channels: 1}
      latent: {size: 4}
      generator:
        layers:
          - {type: dense, units: 32, activation: leaky-relu}
          - {type: reshape, shape: [2, 4, 4]}
          - {type: conv2d, filters: 1, activation: tanh}
          - {type: stage}
          - {type: upsample}
          - {type: conv2d, filters: 2, activation: leaky-relu}
          - {type: conv2d, filters: 1, activation: tanh}
      discriminator:
        layers: [{type: flatten}, {type: dense, units: 1}]
      loss: {type: non-saturating}
      schedule: {type: stacked, %s}
      training: {steps: %d, batchSize: 4, checkpointEvery: 5, sampleEvery: 100}
      """;

  @TempDir Path directory;

  @Test
  void aLaterRunTrainsTheLastStageOnTheStagesAnotherRunTrained() throws IOException {
    Path images = images();
    Path a = directory.resolve("a");
    Path b = directory.resolve("b");
    Path configA = Files.writeString(directory.resolve("a.yaml"), CONFIG.formatted(images, "stageSteps: [5]", 10));
    Path configB = Files.writeString(directory.resolve("b.yaml"), CONFIG.formatted(images, "from: " + a, 5));

    assertThat(GanCli.run("train", configA.toString(), "--out", a.toString(), "--no-progress").exitCode()).isZero();
    GanCli.Result result = GanCli.run("train", configB.toString(), "--out", b.toString(), "--no-progress");

    assertThat(result.err()).doesNotContain("error");
    assertThat(result.exitCode()).isZero();
    assertThat(Files.readAllLines(b.resolve("metrics.jsonl")))
        .filteredOn(line -> line.contains("\"stacked/stage\"")).allMatch(line -> line.endsWith("\"value\":2.0}"))
        .isNotEmpty();
    MultiLayerNetwork trained = generator(a);
    MultiLayerNetwork refined = generator(b);
    for (int layer : List.of(0, 1)) {
      assertThat(refined.getLayer(layer).params()).as("stage 1, layer " + layer)
          .isEqualTo(trained.getLayer(layer).params());
    }
    assertThat(refined.getLayer(5).params()).as("stage 2 trained here")
        .isNotEqualTo(trained.getLayer(5).params());
  }

  @Test
  void aRunWithoutCheckpointsIsRefusedNamingTheKey() throws IOException {
    Path config = Files.writeString(directory.resolve("b.yaml"),
        CONFIG.formatted(images(), "from: " + directory.resolve("missing"), 5));

    GanCli.Result result = GanCli.run("train", config.toString(), "--out", directory.resolve("b").toString(),
        "--no-progress");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("from: cannot take the earlier stages from run", "there is no such run directory")
        .doesNotContain("\tat ");
  }

  /** Eight 8x8 grey images of random pixels. */
  private Path images() throws IOException {
    Path images = Files.createDirectories(directory.resolve("images"));
    Random random = new Random(1);
    for (int i = 0; i < 8; i++) {
      BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
      for (int p = 0; p < 64; p++) {
        image.getRaster().setSample(p % 8, p / 8, 0, random.nextInt(256));
      }
      ImageIO.write(image, "png", images.resolve("image-" + i + ".png").toFile());
    }
    return images;
  }

  private static MultiLayerNetwork generator(Path run) throws IOException {
    String latest = Files.readString(run.resolve("checkpoints").resolve("latest")).trim();
    return ModelSerializer.restoreMultiLayerNetwork(run.resolve("checkpoints").resolve(latest).resolve("generator.zip")
        .toFile());
  }
}
