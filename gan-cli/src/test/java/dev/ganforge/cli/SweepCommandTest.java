package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan sweep} on Spark: the ring, two learning rates x two seeds, a few hundred steps, on the
 * embedded {@code local[2]} and on a standalone master and worker; and a task whose process is killed.
 * Every sweep must give the same numbers per run: each run is trained by its seed alone, and a killed run
 * continues exactly from its checkpoint.
 */
final class SweepCommandTest {
  private static final String RING = """
      seed: 1
      data: {type: gaussian-ring, modes: 8, radius: 1.0, stddev: 0.01}
      latent: {size: 8, distribution: normal}
      generator:
        layers: [{type: dense, units: 64, activation: relu}, {type: dense, units: 64, activation: relu}, {type: dense, units: 2}]
        optimizer: {type: adam, learningRate: 1.0e-3, beta1: 0.5}
      discriminator:
        layers: [{type: dense, units: 64, activation: leaky-relu}, {type: dense, units: 1}]
        optimizer: {type: adam, learningRate: 1.0e-3, beta1: 0.5}
      loss: {type: non-saturating}
      training: {steps: 300, batchSize: 128, sampleEvery: 300, checkpointEvery: 50, threads: 1}
      """;
  private static final String SWEEP = """
      base: ring.yaml
      space:
        generator.optimizer.learningRate: [1.0e-3, 3.0e-3]
      seeds: 2
      metric: {type: mode-coverage, samples: 1000}
      rank: {by: high-quality, goal: maximize}
      """;

  private static final Pattern HOLDER = Pattern.compile("process (\\d+) on");

  @TempDir static Path directory;

  private static Path sweepFile;
  private static Path local;

  @BeforeAll
  static void sweepOnTheEmbeddedLocalMaster() throws IOException {
    Files.writeString(directory.resolve("ring.yaml"), RING);
    sweepFile = Files.writeString(directory.resolve("ring-lr.yaml"), SWEEP);
    local = directory.resolve("local");
    GanCli.Result result = GanCli.run("sweep", sweepFile.toString(), "--out", local.toString(), "--master",
        "local[2]", "--scratch", directory.resolve("scratch-local").toString(), "--no-progress");
    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  @Test
  void aLocalSweepRanksTheConfigurationsWritesTheBestAndAPlotAndARerunReusesItsRuns() throws IOException {
    List<String> table = Files.readAllLines(local.resolve("sweep.csv"));
    assertThat(table.get(0)).startsWith("rank,config,generator.optimizer.learningRate,high-quality_mean,"
        + "high-quality_std,");
    assertThat(table).hasSize(1 + 2);
    assertThat(Double.parseDouble(table.get(1).split(",")[3]))
        .as("ranked best first").isGreaterThanOrEqualTo(Double.parseDouble(table.get(2).split(",")[3]));
    assertThat(Files.readAllLines(local.resolve("runs.csv"))).hasSize(1 + 4);
    assertThat(local.resolve("plot-generator-optimizer-learningRate.png")).isNotEmptyFile();
    assertThat(Files.readString(local.resolve("sweep.md"))).contains("| 1 | c-").contains("**high-quality**");
    String best = table.get(1).split(",")[1];
    assertThat(Files.readString(local.resolve("best.yaml")).lines().filter(line -> !line.startsWith("#"))
        .collect(Collectors.joining("\n", "", "\n")))
        .as("the best configuration with the base seed, as its seed-1 run was trained")
        .isEqualTo(Files.readString(local.resolve("runs/" + best + "/seed-1/config.yaml")));
    GanCli.Result validated = GanCli.run("validate", local.resolve("best.yaml").toString());
    assertThat(validated.exitCode()).as("best.yaml is a ready config: " + validated.err()).isZero();
    for (Path result : results(local).keySet()) {
      assertThat(local.resolve(result).resolveSibling("checkpoints/latest")).exists();
      assertThat(Files.readString(local.resolve(result).resolveSibling("task.log")))
          .as("a one-thread task's JVM collects on its one core, not on G1's extra threads")
          .contains("-XX:+UseParallelGC -XX:ParallelGCThreads=1");
    }

    Map<Path, Long> modified = new LinkedHashMap<>();
    for (Path result : results(local).keySet()) {
      modified.put(result, Files.getLastModifiedTime(local.resolve(result).resolveSibling("metrics.jsonl")).toMillis());
    }
    GanCli.Result again = GanCli.run("sweep", sweepFile.toString(), "--out", local.toString(), "--master",
        "local[2]", "--no-progress");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("4/4 runs done (4 reused)");
    for (Map.Entry<Path, Long> run : modified.entrySet()) {
      assertThat(Files.getLastModifiedTime(local.resolve(run.getKey()).resolveSibling("metrics.jsonl")).toMillis())
          .as("finished runs are not retrained").isEqualTo(run.getValue());
    }
    assertThat(Files.readAllLines(local.resolve("sweep.csv"))).isEqualTo(table);
  }

  @Test
  void aStandaloneClusterGivesTheSameTable() throws Exception {
    Path cluster = directory.resolve("cluster");
    try (SparkStandalone spark = SparkStandalone.start(Files.createDirectories(directory.resolve("spark")), 2)) {
      GanCli.Result result = GanCli.run("sweep", sweepFile.toString(), "--out", cluster.toString(),
          "--master", spark.url(), "--conf", "spark.driver.host=127.0.0.1", "--no-progress");
      assertThat(result.exitCode()).as(result.err()).isZero();
    }
    assertThat(results(cluster)).isEqualTo(results(local));
    assertThat(withoutTimes(cluster.resolve("sweep.csv"))).isEqualTo(withoutTimes(local.resolve("sweep.csv")));
  }

  @Test
  void aTaskWhoseProcessIsKilledIsRetriedAndEndsWithTheSameNumbers() throws Exception {
    Path killed = directory.resolve("killed");
    Path scratch = directory.resolve("scratch-killed");
    CompletableFuture<GanCli.Result> sweep = CompletableFuture.supplyAsync(() -> GanCli.run("sweep",
        sweepFile.toString(), "--out", killed.toString(), "--master", "local[2]", "--scratch", scratch.toString(),
        "--no-progress"));

    ProcessHandle victim = awaitTaskPastStep(scratch, 100, Duration.ofMinutes(3), sweep::isDone).process();
    victim.destroyForcibly(); // SIGKILL: no checkpoint on the way out
    victim.onExit().get(30, TimeUnit.SECONDS);
    GanCli.Result result = sweep.get(5, TimeUnit.MINUTES);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("1 failed attempt retried");
    assertThat(results(killed)).isEqualTo(results(local));
    long attempts = 0;
    for (Path run : results(killed).keySet()) {
      attempts += attempts(killed.resolve(run).resolveSibling("task.log"));
    }
    assertThat(attempts).as("one run was started twice").isEqualTo(5);
  }

  @Test
  void aSweepWhoseDriverIsKilledLeavesNoTaskRunningAndContinuesWhereItStopped() throws Exception {
    Path interrupted = directory.resolve("interrupted");
    Path scratch = directory.resolve("scratch-interrupted");
    Process driver = GanProcesses.launch(directory.resolve("interrupted.log"), "sweep", sweepFile.toString(),
        "--out", interrupted.toString(), "--master", "local[2]", "--scratch", scratch.toString(), "--no-progress");
    Task task = awaitTaskPastStep(scratch, 100, Duration.ofMinutes(3), () -> !driver.isAlive());

    driver.destroyForcibly(); // kill -9 of the gan process: no shutdown hook, no cleanup
    driver.waitFor(30, TimeUnit.SECONDS);
    task.process().onExit().get(5, TimeUnit.SECONDS);
    assertThat(task.run().resolve("sweep-result.json")).as("the task stopped with its driver, unfinished")
        .doesNotExist();

    GanCli.Result rerun = GanCli.run("sweep", sweepFile.toString(), "--out", interrupted.toString(), "--master",
        "local[2]", "--scratch", scratch.toString(), "--no-progress");
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(results(interrupted)).isEqualTo(results(local));
    long continued = 0;
    for (Path run : results(interrupted).keySet()) {
      continued += attempts(interrupted.resolve(run).resolveSibling("task.log")) == 2 ? 1 : 0;
    }
    assertThat(continued).as("the runs under way when the driver died continued in the rerun").isPositive();
  }

  private static long attempts(Path taskLog) throws IOException {
    return Files.readAllLines(taskLog).stream().filter(line -> line.startsWith("== attempt")).count();
  }

  /** A task's process and the run it trains. */
  private record Task(ProcessHandle process, Path run) {}

  /**
   * The process training a run (in {@code scratch}) that has written its checkpoint of {@code step}: the
   * process its lock file names.
   */
  private static Task awaitTaskPastStep(Path scratch, int step, Duration timeout, BooleanSupplier ended)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String checkpoint = String.format("step-%06d", step);
    while (System.nanoTime() < deadline) {
      if (ended.getAsBoolean()) {
        throw new AssertionError("the sweep ended before a task could be killed");
      }
      List<Path> runs;
      try (Stream<Path> paths = Files.walk(scratch)) {
        runs = paths.filter(path -> path.getFileName().toString().equals(checkpoint))
            .map(path -> path.getParent().getParent()).toList();
      } catch (IOException | java.io.UncheckedIOException racing) { // folders come and go under the walk
        runs = List.of();
      }
      for (Path run : runs) {
        Matcher holder = HOLDER.matcher(Files.exists(run.resolve(".lock")) ? Files.readString(run.resolve(".lock")) : "");
        Optional<ProcessHandle> task = holder.find() ? ProcessHandle.of(Long.parseLong(holder.group(1)))
            .filter(ProcessHandle::isAlive) : Optional.empty();
        if (task.isPresent()) {
          return new Task(task.get(), run);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no task reached step " + step + " within " + timeout);
  }

  /** Every run's published result, by path under the destination, with the training time left out. */
  private static Map<Path, String> results(Path destination) throws IOException {
    Map<Path, String> results = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(destination.resolve("runs"))) {
      for (Path file : files.filter(path -> path.getFileName().toString().equals("sweep-result.json")).sorted()
          .toList()) {
        results.put(destination.relativize(file),
            Files.readString(file).replaceAll("\"trainSeconds\":[0-9.Ee+-]+", "\"trainSeconds\":_"));
      }
    }
    assertThat(results).hasSize(4);
    return results;
  }

  private static List<String> withoutTimes(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().map(line -> line.substring(0, line.lastIndexOf(','))).toList();
  }
}
