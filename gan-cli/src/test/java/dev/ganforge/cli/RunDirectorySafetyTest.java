package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ganforge.core.run.Folders;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory is the user's work: one writer at a time, nothing read from outside it, nothing
 * changed by a resume that fails, nothing lost to Ctrl-C, and every documented failure its own exit code.
 */
final class RunDirectorySafetyTest {
  private static final String CONFIG = """
      seed: 31
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
      training: {steps: %d, batchSize: 64, logEvery: 1, sampleEvery: 1000, checkpointEvery: %d}
      """;

  @TempDir Path directory;

  private record Result(int exitCode, String err) {}

  private static Result gan(String... args) {
    StringWriter err = new StringWriter();
    int code = GanMain.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
    return new Result(code, err.toString());
  }

  private Path config(int steps, int checkpointEvery) throws IOException {
    return Files.writeString(directory.resolve("grid-" + steps + "-" + checkpointEvery + ".yaml"),
        CONFIG.formatted(steps, checkpointEvery));
  }

  private static List<String> withoutTimes(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(line -> !line.contains("\"time/"))
        .toList();
  }

  /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), as its children then do. */
  private static boolean sigintIgnored() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
        .anyMatch(line -> (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & 0b10) != 0);
  }

  private static void awaitLoggedSteps(Process process, Path run, long steps) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (process.isAlive() && GanProcesses.loggedSteps(run) < steps && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(process.isAlive()).as("the first run is still training").isTrue();
  }

  @Test
  void aSecondWriterIsRefusedNamingTheFirstWhoseLogStaysIntact() throws Exception {
    Path config = config(600, 200);
    Path reference = directory.resolve("reference");
    assertThat(gan("train", config.toString(), "--out", reference.toString(), "--no-progress").exitCode()).isZero();
    Path run = directory.resolve("run");
    Process first = GanProcesses.launch(null, "train", config.toString(), "--out", run.toString(), "--no-progress");
    awaitLoggedSteps(first, run, 20);

    Result resume = gan("resume", run.toString(), "--no-progress");
    Result train = gan("train", config.toString(), "--out", run.toString(), "--no-progress");

    assertThat(resume.exitCode()).isEqualTo(2);
    assertThat(resume.err()).contains("is in use by another GANForge run (process " + first.pid() + " on ")
        .contains("wait for it to finish").doesNotContain("\tat ");
    assertThat(train.exitCode()).isEqualTo(2);
    assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(first.exitValue()).isZero();
    assertThat(withoutTimes(run)).isEqualTo(withoutTimes(reference));
  }

  @Test
  void ctrlCFinishesTheStepCheckpointsItAndTheRunResumesExactly() throws Exception {
    assumeTrue(!sigintIgnored(), "SIGINT is ignored in this process (a background job of a shell without job "
        + "control, e.g. `mvn test &` in a script), and the training process inherits that: run the tests "
        + "in the foreground to check Ctrl-C");
    Path config = config(400, 1000);
    Path reference = directory.resolve("reference");
    assertThat(gan("train", config.toString(), "--out", reference.toString(), "--no-progress").exitCode()).isZero();
    Path run = directory.resolve("run");
    Path output = directory.resolve("output.txt");
    Process process = GanProcesses.launch(output, "train", config.toString(), "--out", run.toString(),
        "--no-progress");
    awaitLoggedSteps(process, run, 30);

    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();

    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).isEqualTo(130);
    String latest = Files.readString(run.resolve("checkpoints/latest")).trim();
    long stopped = Long.parseLong(latest.substring("step-".length()));
    assertThat(stopped).as("a checkpoint of the step it stopped at").isBetween(30L, 399L);
    assertThat(GanProcesses.loggedSteps(run)).isEqualTo(stopped);
    assertThat(Files.readString(output)).contains("SIGINT: finishing the step under way")
        .contains("training stopped at step " + stopped + " (SIGINT)").contains("gan resume " + run);

    assertThat(gan("resume", run.toString(), "--no-progress").exitCode()).isZero();
    assertThat(withoutTimes(run)).isEqualTo(withoutTimes(reference));
  }

  @Test
  void sigtermStopsAfterACheckpointWithExit143() throws Exception {
    Path run = directory.resolve("run");
    Process process = GanProcesses.launch(null, "train", config(400, 1000).toString(), "--out", run.toString(),
        "--no-progress");
    awaitLoggedSteps(process, run, 30);

    process.destroy(); // SIGTERM

    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(Files.readString(run.resolve("checkpoints/latest")).trim()).isNotEqualTo("step-000000");
  }

  @Test
  void deletedCheckpointsOrACutLogAreRefusedInsteadOfOverwrittenHistory() throws Exception {
    Path config = config(40, 20);
    Path deleted = directory.resolve("deleted");
    Path cut = directory.resolve("cut");
    assertThat(gan("train", config.toString(), "--out", deleted.toString(), "--no-progress").exitCode()).isZero();
    assertThat(gan("train", config.toString(), "--out", cut.toString(), "--no-progress").exitCode()).isZero();
    Folders.deleteTree(deleted.resolve("checkpoints"));
    List<String> logged = Files.readAllLines(deleted.resolve("metrics.jsonl"));
    Files.writeString(cut.resolve("metrics.jsonl"), "");

    Result noCheckpoints = gan("resume", deleted.toString(), "--steps", "60", "--no-progress");
    Result emptiedLog = gan("resume", cut.toString(), "--steps", "60", "--no-progress");

    assertThat(noCheckpoints.exitCode()).isEqualTo(3);
    assertThat(noCheckpoints.err()).contains("has logged training but holds no checkpoint")
        .contains("into a new run directory");
    assertThat(Files.readAllLines(deleted.resolve("metrics.jsonl"))).isEqualTo(logged);
    assertThat(emptiedLog.exitCode()).isEqualTo(3);
    assertThat(emptiedLog.err()).contains("metrics.jsonl holds 0 bytes, fewer than the");
    assertThat(Files.readString(cut.resolve("config.yaml"))).contains("steps: 40");
  }

  @Test
  void aResumeThatCannotLoadItsCheckpointChangesNothing() throws Exception {
    Path run = directory.resolve("run");
    assertThat(gan("train", config(40, 20).toString(), "--out", run.toString(), "--no-progress").exitCode())
        .isZero();
    Files.write(run.resolve("checkpoints/step-000040/generator.zip"), new byte[] {'P', 'K', 3});
    String before = Files.readString(run.resolve("config.yaml"));

    Result result = gan("resume", run.toString(), "--steps", "80", "--no-progress");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("is corrupt or truncated");
    assertThat(Files.readString(run.resolve("config.yaml"))).isEqualTo(before);
  }

  @Test
  void aLatestPointingOutsideTheRunIsNeverFollowed() throws Exception {
    Path run = directory.resolve("run");
    Path elsewhere = directory.resolve("elsewhere");
    assertThat(gan("train", config(40, 20).toString(), "--out", run.toString(), "--no-progress").exitCode())
        .isZero();
    assertThat(gan("train", config(40, 20).toString(), "--out", elsewhere.toString(), "--no-progress").exitCode())
        .isZero();
    Files.writeString(run.resolve("checkpoints/latest"), "../../elsewhere/checkpoints/step-000040\n");

    Result resume = gan("resume", run.toString(), "--steps", "60", "--no-progress");
    Result sample = gan("sample", run.toString(), "--n", "10", "--out", directory.resolve("s.csv").toString());

    assertThat(resume.exitCode()).isEqualTo(3);
    assertThat(resume.err()).contains("which is not a checkpoint of this run");
    assertThat(sample.exitCode()).isEqualTo(3);
    assertThat(run.resolve("checkpoints/step-000040")).isDirectory();
  }

  @Test
  void aFullDiskExitsWithItsOwnCodeAndLeavesNoHalfCheckpoint() throws Exception {
    Path disk = Files.createDirectories(directory.resolve("small-disk"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    assumeTrue(mount.waitFor() == 0, "a full disk is made by mounting a 2 MiB tmpfs, which needs root");
    try {
      Path run = disk.resolve("run");
      // A 600x600 hidden layer: each network's checkpoint (weights and Adam's moments) is about 4 MiB.
      Path config = Files.writeString(directory.resolve("big.yaml"), CONFIG.formatted(20, 10).replace(
          "- {type: dense, units: 32, activation: relu}",
          "- {type: dense, units: 600, activation: relu}\n    - {type: dense, units: 600, activation: relu}"));

      Result result = gan("train", config.toString(), "--out", run.toString(), "--no-progress");

      assertThat(result.exitCode()).isEqualTo(6);
      assertThat(result.err()).contains("the disk is full").doesNotContain("looks like a bug");
      try (Stream<Path> leftovers = Files.list(run.resolve("checkpoints"))) {
        assertThat(leftovers.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".partial"));
      }
    } finally {
      new ProcessBuilder("umount", disk.toString()).start().waitFor();
    }
  }

  @Test
  void sampleNeverReplacesAFileUnaskedAForeignFolderIsNoRunAndAnExplodingLossStops() throws Exception {
    Path config = config(20, 10);
    Path run = directory.resolve("run");
    assertThat(gan("train", config.toString(), "--out", run.toString(), "--no-progress").exitCode()).isZero();
    Path samples = directory.resolve("mine.csv");
    Files.writeString(samples, "my own file");
    Path notARun = Files.createDirectories(directory.resolve("photos"));
    Files.writeString(notARun.resolve("holiday.png"), "not a run");

    Result overwrite = gan("sample", run.toString(), "--n", "10", "--out", samples.toString());
    Result forced = gan("sample", run.toString(), "--n", "10", "--out", samples.toString(), "--force");
    Result intoPhotos = gan("train", config.toString(), "--out", notARun.toString(), "--no-progress");
    Result exploding = gan("train", Files.writeString(directory.resolve("explode.yaml"),
        Files.readString(config).replace("training:", "alerts: {divergeAbove: 0.5}\ntraining:")).toString(),
        "--out", directory.resolve("exploding").toString(), "--no-progress");

    assertThat(overwrite.exitCode()).as("gan sample --out never replaces a file unasked").isEqualTo(2);
    assertThat(overwrite.err()).contains(samples + " exists; choose another --out, or add --force");
    assertThat(forced.exitCode()).isZero();
    assertThat(Files.readString(samples)).doesNotContain("my own file");
    assertThat(intoPhotos.exitCode()).isEqualTo(2);
    assertThat(intoPhotos.err()).contains("choose another --out").doesNotContain("gan resume");
    assertThat(exploding.exitCode()).as("a loss beyond alerts.divergeAbove stops the run, as a NaN does")
        .isEqualTo(4);
    assertThat(exploding.err()).contains("beyond alerts.divergeAbove (0.500)");
  }
}
