package dev.ganforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.engine.TrainingDivergedException;
import dev.ganforge.core.run.Folders;
import dev.ganforge.core.run.RunSnapshot;
import dev.ganforge.core.run.Runs;
import dev.ganforge.core.run.TrainingRun;
import dev.ganforge.core.run.TrainingStoppedException;
import dev.ganforge.core.sweep.TaskResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan sweep-task} (internal): one task of {@code gan sweep} or {@code gan compare}, in a process of
 * its own. Trains the run, or continues it from its last checkpoint when an earlier attempt died, then
 * evaluates the metrics on the final generator and writes {@link TaskResult#FILE} into the run, last. A
 * run that diverges is a result ("diverged at step N"), not an error. Exits 0 when the result is written.
 */
@Command(name = "sweep-task", hidden = true,
    description = "Internal: trains and evaluates one run of a sweep (started by gan sweep and gan compare).")
final class SweepTaskCommand implements Callable<Integer> {
  static final String TRAIN_SECONDS = "train-seconds.txt";

  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run directory.")
  Path run;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The run's config.")
  Path config;

  @Option(names = "--metrics", required = true, paramLabel = "FILE",
      description = "A YAML list of the metrics to evaluate at the end.")
  Path metrics;

  @Option(names = "--configuration", required = true, paramLabel = "NAME",
      description = "The configuration's name, recorded in the result.")
  String configuration;

  @Option(names = "--exit-with-parent",
      description = "Stop at once when standard input closes (the process that started this one died).")
  boolean exitWithParent;

  @Override
  public Integer call() {
    if (exitWithParent) {
      watchParent();
    }
    ConfigMapper mapper = gan.injector().getInstance(ConfigMapper.class);
    GanConfig resolved = mapper.read(config, GanConfig.class);
    List<MetricConfig> metricConfigs = readMetrics(mapper);
    Runs runs = gan.injector().getInstance(Runs.class);
    Path timeFile = run.resolve(TRAIN_SECONDS);
    double seconds = 0;
    String failure = null;
    try {
      if (Files.isRegularFile(timeFile)) {
        seconds = Double.parseDouble(Files.readString(timeFile).trim());
      }
      boolean exists = Files.isRegularFile(run.resolve("config.yaml"));
      if (exists && !runs.readConfig(run).equals(resolved)) {
        // A scratch run an earlier attempt left for a config since edited: scratch, not a result.
        spec.commandLine().getErr().println("discarding " + run + ": it was started from another config");
        Folders.deleteTree(run);
        seconds = 0;
        exists = false;
      }
      try (TrainingRun training = exists ? runs.resume(run, Optional.empty()) : runs.start(resolved, run)) {
        if (training.step() < resolved.training().steps()) {
          long start = System.nanoTime();
          double before = seconds;
          DoubleSupplier spent = () -> before + (System.nanoTime() - start) / 1e9;
          // A crashed attempt runs no finally: each checkpoint keeps the time spent up to it, which the
          // attempt that continues from that checkpoint adds to.
          RunListener clock = new RunListener() {
            @Override
            public void onIteration(long step, Map<String, Double> scalars) {}

            @Override
            public void onCheckpoint(long step, Path directory) {
              writeSeconds(timeFile, spent.getAsDouble());
            }
          };
          try (ProgressListener progress = new ProgressListener(spec.commandLine().getErr(), false);
              Interrupts interrupts = Interrupts.routeTo(training, spec.commandLine().getErr())) {
            training.train(progress, clock);
          } finally {
            seconds = spent.getAsDouble();
            writeSeconds(timeFile, seconds);
          }
        }
      }
    } catch (TrainingDivergedException e) {
      failure = "diverged at step " + e.step();
    } catch (TrainingStoppedException e) {
      failure = "stopped by the alert policy: " + e.getMessage().lines().findFirst().orElse("");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Double> values = Map.of();
    if (failure == null) {
      RunSnapshot snapshot = runs.snapshot(run, Optional.empty());
      values = SnapshotMetrics.evaluate(gan, snapshot, metricConfigs);
    }
    TaskResult result = new TaskResult(configuration, resolved.seed(), values, seconds, failure, false);
    try {
      Path partial = run.resolve(TaskResult.FILE + ".partial");
      Files.writeString(partial, result.toJson() + "\n");
      Files.move(partial, run.resolve(TaskResult.FILE), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + run.resolve(TaskResult.FILE) + ": " + e.getMessage(), e);
    }
    spec.commandLine().getOut().println(result.toJson());
    return 0;
  }

  private static void writeSeconds(Path file, double seconds) {
    try {
      Files.writeString(file, String.format(Locale.ROOT, "%.1f%n", seconds));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private List<MetricConfig> readMetrics(ConfigMapper mapper) {
    JsonNode list = mapper.readTree(metrics);
    if (!list.isArray()) {
      throw new UsageException(metrics + ": a list of metric configs, e.g. [{type: fid}]");
    }
    List<MetricConfig> configs = new ArrayList<>();
    for (JsonNode node : list) {
      configs.add(mapper.bind(node, metrics.toString(), MetricConfig.class));
    }
    return configs;
  }

  /** The parent's end closes our standard input: stop then, as if killed (checkpoints are atomic). */
  private static void watchParent() {
    Thread watcher = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // the parent writes nothing; read until end of stream
        }
      } catch (IOException e) {
        // a broken pipe ends the stream too
      }
      Runtime.getRuntime().halt(137);
    }, "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
