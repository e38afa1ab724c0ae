package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends in a message that says what happened and what to do, never in a stack trace. */
final class RunErrorsTest {
  private static final String SMALL = """
      seed: 4
      data: {type: gaussian-ring}
      latent: {size: 4}
      generator: {layers: [{type: dense, units: 16, activation: relu}, {type: dense, units: 2}]}
      discriminator: {layers: [{type: dense, units: 16, activation: leaky-relu}, {type: dense, units: 1}]}
      loss: {type: non-saturating}
      training: {steps: 20, batchSize: 16, logEvery: 1, sampleEvery: 10, checkpointEvery: 5}
      """;

  @TempDir Path directory;

  private record Result(int exitCode, String out, String err) {}

  @Test
  void aDivergingRunStopsNamingTheStepAndTheLastGoodCheckpointAndKeepsWhatWasWritten() throws IOException {
    // An absurd learning rate blows the losses up within a few steps.
    Path config = write("diverge.yaml", SMALL.replace("loss: {type: non-saturating}", """
        loss: {type: lsgan}""").replace("generator: {layers:", "generator: {optimizer: {type: sgd, learningRate: 1.0e12}, layers:"));
    Path run = directory.resolve("run");

    Result result = gan("train", config.toString(), "--out", run.toString(), "--no-progress");

    assertThat(result.exitCode()).as("exit 4: a diverged run, a documented outcome, not a bug").isEqualTo(4);
    assertThat(result.err()).containsPattern("error: training diverged at step \\d+: the (generator|discriminator) loss is (NaN|Infinity)")
        .contains("nothing from that step was written").doesNotContain("\tat ");
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{\"step\":").endsWith("}")
        .doesNotContain("NaN", "Infinity"));
  }

  @Test
  void aTruncatedCheckpointIsReportedWithHowToRecover() throws IOException {
    Path config = write("small.yaml", SMALL);
    Path run = directory.resolve("run");
    assertThat(gan("train", config.toString(), "--out", run.toString(), "--no-progress").exitCode()).isZero();
    Path generator = run.resolve("checkpoints/step-000020/generator.zip");
    try (FileChannel channel = FileChannel.open(generator, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() / 2);
    }

    Result result = gan("resume", run.toString(), "--steps", "30", "--no-progress");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("checkpoint", "step-000020", "is corrupt or truncated",
        "write its name into", "checkpoints/latest", "step-000015").doesNotContain("\tat ");
  }

  @Test
  void anUnwritableOutputDirectoryIsAUsageError() throws IOException {
    Path config = write("small.yaml", SMALL);
    Path file = Files.writeString(directory.resolve("a-file"), "x");

    Result result = gan("train", config.toString(), "--out", file.resolve("run").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("cannot write the run directory", "choose a writable --out").doesNotContain("\tat ");
  }

  @Test
  void anExistingRunDirectoryIsNotOverwritten() throws IOException {
    Path config = write("small.yaml", SMALL);
    Path run = Files.createDirectories(directory.resolve("run"));
    Files.writeString(run.resolve("notes.txt"), "mine");

    Result result = gan("train", config.toString(), "--out", run.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    // A folder that is no run: another --out, not gan resume (there is nothing to resume).
    assertThat(result.err()).contains("already exists and is not empty", "choose another --out")
        .doesNotContain("gan resume");
    assertThat(Files.readString(run.resolve("notes.txt"))).isEqualTo("mine");
  }

  @Test
  void missingDataExitsThreeSayingHowToGetIt() throws IOException {
    Path config = write("fashion.yaml", SMALL.replace("{type: gaussian-ring}",
        "{type: fashion-mnist, directory: " + directory.resolve("nowhere") + "}"));

    Result result = gan("train", config.toString(), "--out", directory.resolve("run").toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("apt-get install dataset-fashion-mnist").doesNotContain("\tat ");
    assertThat(directory.resolve("run")).doesNotExist();
  }

  @Test
  void aGeneratorThatDoesNotFitTheDataIsAConfigError() throws IOException {
    Path config = write("misfit.yaml", SMALL.replace("{type: dense, units: 2}]", "{type: dense, units: 3}]"));

    Result result = gan("train", config.toString(), "--out", directory.resolve("run").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the generator produces", "3 values per sample", "[2]");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(directory.resolve(name), text);
  }

  private static Result gan(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GanMain.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }
}
