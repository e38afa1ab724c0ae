package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganforge.core.data.Pixels;
import dev.ganforge.core.data.SampleFiles;
import dev.ganforge.metrics.features.Extractors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sample sets out of a run and back in: {@code gan sample --format} writes what other tools read, and
 * {@code gan eval --samples} measures a set with the ruler of the run's own evaluation, so the FID of a
 * written set is the FID of the generator it came from.
 */
final class SampleSetsTest {
  private static final String CONFIG = """
      seed: 4
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
      metrics: [{type: fid, samples: 600}]
      training: {steps: 10, batchSize: 32, sampleEvery: 10, checkpointEvery: 10}
      """;
  private static final List<Long> SHAPE = List.of(1L, 28L, 28L);

  @TempDir static Path home;
  @TempDir static Path directory;
  private static Path config;
  private static Path run;

  @BeforeAll
  static void trainAClassifierAndARun() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
        "Fashion-MNIST is absent; install it with: apt-get install dataset-fashion-mnist");
    System.setProperty(Extractors.HOME_PROPERTY, home.toString());
    GanCli.Result classifier = GanCli.run("classifier", "train", "--data", "fashion-mnist", "--steps", "40",
        "--batch-size", "64");
    assertThat(classifier.exitCode()).as(classifier.err()).isZero();
    config = Files.writeString(directory.resolve("tiny.yaml"), CONFIG);
    run = directory.resolve("run");
    GanCli.Result train = GanCli.run("train", config.toString(), "--out", run.toString(), "--no-progress");
    assertThat(train.exitCode()).as(train.err()).isZero();
  }

  @AfterAll
  static void clearHome() {
    System.clearProperty(Extractors.HOME_PROPERTY);
  }

  private static double fid(GanCli.Result eval) throws Exception {
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    return new ObjectMapper().readTree(eval.out()).get("metrics").get("fid").asDouble();
  }

  @Test
  void npyWrittenWithASeedScoresTheGeneratorsFidWithThatSeed() throws Exception {
    // 600 samples: a batch of 500 and one of 100, drawn the same way on both sides
    GanCli.Result sample = GanCli.run("sample", run.toString(), "--format", "npy", "--n", "600", "--seed", "11",
        "--out", directory.resolve("set").toString());
    assertThat(sample.exitCode()).as(sample.err()).isZero();
    assertThat(sample.out()).contains("wrote 600 samples").contains("set.npy (npy)");

    double generator = fid(GanCli.run("eval", run.toString(), "--seed", "11"));
    GanCli.Result fromFile = GanCli.run("eval", run.toString(), "--samples", directory.resolve("set.npy").toString());
    assertThat(fid(fromFile)).isEqualTo(generator);
    JsonNode described = new ObjectMapper().readTree(fromFile.out()).get("samples");
    assertThat(described.get("format").asText()).isEqualTo("npy");
    assertThat(described.get("count").asInt()).isEqualTo(600);
    // the run's other draws are other samples: a different number, so the equality above is not a given
    assertThat(fid(GanCli.run("eval", run.toString()))).isNotEqualTo(generator);
    // a config file is ruler enough: no run needed for another framework's samples
    assertThat(fid(GanCli.run("eval", config.toString(), "--samples", directory.resolve("set.npy").toString())))
        .isEqualTo(generator);
  }

  @Test
  void pngFolderAndIdxReadBackTheQuantisedSamples() throws Exception {
    for (String format : new String[] {"npy", "png-dir", "idx"}) {
      GanCli.Result sample = GanCli.run("sample", run.toString(), "--format", format, "--n", "25", "--seed", "3",
          "--out", directory.resolve("q-" + format).toString());
      assertThat(sample.exitCode()).as(sample.err()).isZero();
    }
    float[] exact = SampleFiles.read(directory.resolve("q-npy.npy"), SHAPE).samples().data().asFloat();
    float[] quantised = new float[exact.length];
    for (int i = 0; i < exact.length; i++) {
      quantised[i] = Pixels.fromByte(Pixels.toByte(exact[i]));
    }
    assertThat(Files.list(directory.resolve("q-png-dir")).count()).isEqualTo(25);
    SampleFiles.SampleSet pngs = SampleFiles.read(directory.resolve("q-png-dir"), SHAPE);
    SampleFiles.SampleSet idx = SampleFiles.read(directory.resolve("q-idx-images-idx3-ubyte"), SHAPE);
    assertThat(pngs.format()).isEqualTo(SampleFiles.Format.PNG_DIR);
    assertThat(idx.format()).isEqualTo(SampleFiles.Format.IDX);
    assertThat(pngs.samples().shape()).containsExactly(25, 1, 28, 28);
    assertThat(pngs.samples().data().asFloat()).containsExactly(quantised);
    assertThat(idx.samples().data().asFloat()).containsExactly(quantised);
  }

  @Test
  void aSetThatDoesNotFitTheDataIsRefusedWithItsShape() throws Exception {
    GanCli.Result sample = GanCli.run("sample", run.toString(), "--format", "npy", "--n", "5",
        "--out", directory.resolve("few").toString());
    assertThat(sample.exitCode()).as(sample.err()).isZero();

    GanCli.Result tooFew = GanCli.run("eval", run.toString(), "--samples", directory.resolve("few.npy").toString());
    assertThat(tooFew.exitCode()).isNotZero();
    assertThat(tooFew.err()).contains("metric fid needs 600 samples; the sample set holds 5")
        .doesNotContain("at dev.ganforge");

    Path vectors = directory.resolve("vectors");
    try (SampleFiles.Writer writer = SampleFiles.create(SampleFiles.Format.NPY, vectors, List.of(2L), 3, false)) {
      writer.write(org.nd4j.linalg.factory.Nd4j.zeros(3, 2), null);
    }
    GanCli.Result wrongShape = GanCli.run("eval", run.toString(), "--samples",
        directory.resolve("vectors.npy").toString());
    assertThat(wrongShape.exitCode()).isNotZero();
    assertThat(wrongShape.err()).contains("shape [3, 2]; expected [n, 1, 28, 28]");
  }
}
