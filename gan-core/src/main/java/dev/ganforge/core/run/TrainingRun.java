package dev.ganforge.core.run;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.core.GanForgeException;
import dev.ganforge.core.config.AlertsConfig;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.engine.GeneratorMetrics;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.engine.TrainingDivergedException;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.random.SplitMixRandom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training run and its directory: {@code config.yaml} (the resolved config), {@code metrics.jsonl},
 * {@code samples/} (fixed-noise samples) and {@code checkpoints/}. Starting a run, resuming it from its
 * latest checkpoint after any interruption, and running it to its configured number of steps give the
 * same metrics, line for line, as one uninterrupted run (wall-clock {@code time/} values aside).
 */
public final class TrainingRun {
  /** Training precision. */
  public static final DataType DATA_TYPE = DataType.FLOAT;

  private static final String CONFIG = "config.yaml";
  private static final String METRICS = "metrics.jsonl";
  /** What the training-time metric values were measured with. */
  public static final String METRIC_PROVENANCE = "metric-provenance.json";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** Hears about a run's progress. */
  public interface Listener {
    /** Training starts (or resumes) at {@code step} of {@code totalSteps}. */
    default void started(long step, long totalSteps) {}

    /** An iteration finished; {@code metrics} are its measurements. */
    default void stepped(long step, Map<String, Double> metrics) {}

    /** Training ended at {@code step}. */
    default void finished(long step) {}

    /** A failure showed at {@code alert.step()}; {@code action} says what the run does about it. */
    default void alerted(FailureMonitor.Alert alert, String action) {}
  }

  private final Path directory;
  private GanConfig config;
  private final DataSource data;
  private Trainer trainer;
  private final Checkpoints checkpoints;
  /** Images per class in a conditional model's sample grid (one row per class). */
  public static final int GRID_COLUMNS_PER_CLASS = 8;

  private final INDArray fixedNoise;
  private final INDArray fixedReal;
  private long metricsLength;
  private final GeneratorMetrics metrics;
  private final PluginRegistry registry;
  private final ConfigMapper mapper;
  private final FailureMonitor monitor;
  private int rollbacks;

  private TrainingRun(Path directory, GanConfig config, DataSource data, Trainer trainer, long metricsLength,
      PluginRegistry registry, ConfigMapper mapper, FailureMonitor.State monitorState) {
    this.directory = directory;
    this.config = config;
    this.data = data;
    this.trainer = trainer;
    this.checkpoints = new Checkpoints(directory.resolve("checkpoints"), config.training().keepCheckpoints());
    boolean images = Samples.areImages(data.info());
    int classes = trainer.model().classCount();
    // A conditional model's grid has one row per class, GRID_COLUMNS_PER_CLASS images each.
    this.fixedNoise = trainer.latent(SplitMixRandom.stream(config.seed(), "fixed-noise"),
        classes > 0 ? classes * GRID_COLUMNS_PER_CLASS : images ? 64 : 1000);
    this.fixedReal = images ? null : data.fixedSamples(1000);
    this.metricsLength = metricsLength;
    this.metrics = GeneratorMetrics.create(config, config.metrics(), registry, data, DATA_TYPE);
    this.registry = registry;
    this.mapper = mapper;
    this.monitor = new FailureMonitor(config.alerts());
    monitor.restore(monitorState);
  }

  /**
   * Starts a new run in {@code directory}, which must not exist or be empty.
   *
   * @throws GanForgeException (exit 2) when the directory is taken or cannot be written; (exit 3) when the
   *     data is missing
   */
  public static TrainingRun start(GanConfig config, ConfigMapper mapper, PluginRegistry registry, Path directory) {
    checkFresh(directory);
    DataSource data = DataSources.open(config.data(), config.seed(), DATA_TYPE);
    GanModel model = GanModel.assemble(config, registry, data.info(), DATA_TYPE);
    Trainer trainer = Trainer.create(config, registry, model, data, DATA_TYPE);
    try {
      Files.createDirectories(directory.resolve("samples"));
      Files.writeString(directory.resolve(CONFIG), mapper.toYaml(config));
    } catch (IOException e) {
      throw unwritable(directory, e);
    }
    return new TrainingRun(directory, config, data, trainer, -1, registry, mapper, null);
  }

  /**
   * Opens a run to continue it from its latest checkpoint (or from the start when it has none).
   *
   * @param steps a new total number of steps, to train longer than the config says
   * @throws CheckpointException (exit 3) when the latest checkpoint is unreadable
   */
  public static TrainingRun resume(Path directory, ConfigMapper mapper, PluginRegistry registry,
      Optional<Integer> steps) {
    Path configFile = directory.resolve(CONFIG);
    if (!Files.isRegularFile(configFile)) {
      throw new GanForgeException(GanForgeException.USAGE,
          directory + " is not a run directory (it has no " + CONFIG + "); start a run with gan train CONFIG --out "
              + directory);
    }
    GanConfig config = mapper.read(configFile, GanConfig.class);
    if (steps.isPresent() && steps.get() != config.training().steps()) {
      config = config.withSteps(steps.get());
      try {
        Files.writeString(configFile, mapper.toYaml(config));
      } catch (IOException e) {
        throw unwritable(directory, e);
      }
    }
    DataSource data = DataSources.open(config.data(), config.seed(), DATA_TYPE);
    Checkpoints checkpoints = new Checkpoints(directory.resolve("checkpoints"), config.training().keepCheckpoints());
    Optional<String> latest = checkpoints.latest();
    if (latest.isEmpty()) {
      GanModel model = GanModel.assemble(config, registry, data.info(), DATA_TYPE);
      return new TrainingRun(directory, config, data, Trainer.create(config, registry, model, data, DATA_TYPE), 0,
          registry, mapper, null);
    }
    Checkpoints.Loaded loaded = checkpoints.read(latest.get());
    GanModel model = GanModel.of(loaded.generator(), loaded.discriminator(), data.info());
    Trainer trainer = Trainer.create(config, registry, model, data, DATA_TYPE);
    trainer.restore(loaded.state().trainer());
    trainer.restoreArrays(loaded.arrays());
    return new TrainingRun(directory, config, data, trainer, loaded.state().metricsLength(), registry, mapper,
        loaded.state().monitor());
  }

  /**
   * A run's generator at one of its checkpoints, with the run's config and data.
   *
   * @param config the run's resolved config
   * @param model the networks as the checkpoint holds them
   * @param data the run's data (for its description and real samples)
   * @param checkpoint the checkpoint's name
   */
  public record Snapshot(GanConfig config, GanModel model, DataSource data, String checkpoint) {
    /**
     * {@code n} samples from latent codes drawn from {@code random}, in inference mode; a conditional
     * model draws its classes in equal blocks, class 0 first ({@link GanModel#gridClasses}).
     */
    public INDArray sample(SplitMixRandom random, int n) {
      return model.sample(config.latent().sample(random, DATA_TYPE, n));
    }

    /** {@code n} samples of class {@code label} of a conditional model. */
    public INDArray sample(SplitMixRandom random, int n, int label) {
      int[] classes = new int[n];
      java.util.Arrays.fill(classes, label);
      return model.sample(config.latent().sample(random, DATA_TYPE, n), model.oneHot(classes));
    }
  }

  /**
   * Opens a checkpoint of a run ({@code checkpoint} as a name like {@code step-000500} or a step number;
   * the latest when empty).
   */
  public static Snapshot snapshot(Path directory, ConfigMapper mapper, Optional<String> checkpoint) {
    Path configFile = directory.resolve(CONFIG);
    if (!Files.isRegularFile(configFile)) {
      throw new GanForgeException(GanForgeException.USAGE, directory + " is not a run directory (it has no "
          + CONFIG + ")");
    }
    GanConfig config = mapper.read(configFile, GanConfig.class);
    Checkpoints checkpoints = new Checkpoints(directory.resolve("checkpoints"), config.training().keepCheckpoints());
    String name = checkpoint.map(c -> c.matches("\\d+") ? String.format("step-%06d", Long.parseLong(c)) : c)
        .or(checkpoints::latest)
        .orElseThrow(() -> new CheckpointException(directory + " has no checkpoint yet; train it first"));
    if (!checkpoints.list().contains(name)) {
      throw new GanForgeException(GanForgeException.USAGE, "no checkpoint " + name + " in " + directory
          + "; present: " + String.join(", ", checkpoints.list()));
    }
    DataSource data = DataSources.open(config.data(), config.seed(), DATA_TYPE);
    Checkpoints.Loaded loaded = checkpoints.read(name);
    GanModel model = GanModel.of(loaded.generator(), loaded.discriminator(), data.info());
    return new Snapshot(config, Trainer.samplingModel(config, model, data, DATA_TYPE, loaded.arrays()), data, name);
  }

  /** The run directory. */
  public Path directory() {
    return directory;
  }

  /** The resolved config. */
  public GanConfig config() {
    return config;
  }

  /** Iterations completed. */
  public long step() {
    return trainer.step();
  }

  /**
   * Trains to the configured number of steps, logging, sampling and checkpointing on the way.
   *
   * @throws TrainingDivergedException (exit 1) naming the step and the last good checkpoint
   */
  public void train(Listener listener) {
    long total = config.training().steps();
    listener.started(trainer.step(), total);
    MetricsLog log = MetricsLog.open(directory.resolve(METRICS), metricsLength);
    try {
      if (trainer.step() == 0 && checkpoints.latest().isEmpty()) {
        // The untrained networks: a baseline for gan eval, and a rollback target for an early failure.
        writeCheckpoint(log);
      }
      while (trainer.step() < total) {
        long start = System.nanoTime();
        Map<String, Double> measured;
        try {
          measured = trainer.iterate();
        } catch (TrainingDivergedException e) {
          if (config.alerts().policy() != AlertsConfig.Policy.ROLLBACK) {
            throw diverged(e);
          }
          log = handle(new FailureMonitor.Alert(e.step(), null, e.getMessage()), log, listener);
          continue;
        }
        long step = trainer.step();
        Map<String, Double> logged = new LinkedHashMap<>(measured);
        logged.put("time/step-ms", (System.nanoTime() - start) / 1e6);
        List<FailureMonitor.Alert> alerts = monitor.observe(step, logged);
        boolean evaluated = metrics.isDue(step);
        if (evaluated) {
          logged.putAll(metrics.evaluateDue(trainer.model(), step));
          writeMetricProvenance(step);
        }
        if (evaluated || step % config.training().logEvery() == 0 || step == total) {
          log.append(step, logged);
        }
        if (step % config.training().sampleEvery() == 0 || step == total) {
          writeSamples(String.format("step-%06d", step));
        }
        if (step % config.training().checkpointEvery() == 0 || step == total) {
          writeCheckpoint(log);
        }
        listener.stepped(step, logged);
        for (FailureMonitor.Alert alert : alerts) {
          MetricsLog current = handle(alert, log, listener);
          if (current != log) {
            log = current;
            break;
          }
        }
      }
    } finally {
      log.close();
    }
    listener.finished(trainer.step());
  }

  private void writeCheckpoint(MetricsLog log) {
    checkpoints.write(trainer.model().generator(), trainer.model().discriminator(),
        new Checkpoints.CheckpointState(trainer.state(), log.length(), monitor.state()), trainer.arrays());
    HtmlReport.write(directory);
  }

  /**
   * Applies the alert policy to {@code alert} (a null kind: a NaN or infinite loss). Returns the metrics
   * log to go on with: the same one, or after a rollback one cut back to the checkpoint's length.
   *
   * @throws GanForgeException (exit 1) when the policy, or a rollback that cannot happen, stops the run
   */
  private MetricsLog handle(FailureMonitor.Alert alert, MetricsLog log, Listener listener) {
    String kind = alert.kind() == null ? "not-finite" : alert.kind().logName();
    AlertsConfig alerts = config.alerts();
    if (alerts.policy() == AlertsConfig.Policy.WARN) {
      record(alert, kind, "warned", listener);
      return log;
    }
    Optional<String> target = alerts.policy() == AlertsConfig.Policy.ROLLBACK ? goodCheckpoint(alert)
        : Optional.empty();
    if (target.isEmpty() || rollbacks >= alerts.maxRollbacks()) {
      String why = alerts.policy() == AlertsConfig.Policy.STOP ? "alerts.policy is stop"
          : rollbacks >= alerts.maxRollbacks() ? "after " + rollbacks + " rollbacks (alerts.maxRollbacks)"
          : "no checkpoint from before the symptom to roll back to";
      if (alert.kind() != null) {
        writeCheckpoint(log);
      }
      record(alert, kind, "stopped (" + why + ")", listener);
      throw new GanForgeException(GanForgeException.FAILURE, "training stopped at step " + alert.step() + ": "
          + alert.message() + " (" + why + "). Checkpoints are in " + directory.resolve("checkpoints")
          + "; lower the learning rates in " + directory.resolve(CONFIG) + " and continue with: gan resume "
          + directory);
    }
    rollbacks++;
    double factor = alerts.rollbackFactor();
    record(alert, kind, String.format(Locale.ROOT, "rolled back to %s with learning rates x%s (rollback %d of %d)",
        target.get(), factor, rollbacks, alerts.maxRollbacks()), listener);
    log.close();
    config = config.withLearningRateFactor(factor);
    try {
      Files.writeString(directory.resolve(CONFIG), mapper.toYaml(config));
    } catch (IOException e) {
      throw unwritable(directory, e);
    }
    checkpoints.discardAfter(target.get());
    Checkpoints.Loaded loaded = checkpoints.read(target.get());
    GanModel model = GanModel.of(loaded.generator(), loaded.discriminator(), data.info());
    trainer = Trainer.create(config, registry, model, data, DATA_TYPE);
    trainer.restore(loaded.state().trainer());
    trainer.restoreArrays(loaded.arrays());
    monitor.restore(loaded.state().monitor());
    monitor.reset();
    metricsLength = loaded.state().metricsLength();
    return MetricsLog.open(directory.resolve(METRICS), metricsLength);
  }

  /**
   * The newest checkpoint from before the window in which the symptom showed (the untrained step 0 at the
   * latest); a NaN or infinite loss shows at once, so any checkpoint from before its step will do.
   */
  private Optional<String> goodCheckpoint(FailureMonitor.Alert alert) {
    long before = alert.kind() == null ? alert.step() - 1 : Math.max(0, alert.step() - config.alerts().window());
    return checkpoints.list().stream()
        .filter(name -> Long.parseLong(name.substring("step-".length())) <= before)
        .reduce((first, second) -> second);
  }

  /**
   * Writes {@code metric-provenance.json}: what the {@code metric/} values in {@code metrics.jsonl} were
   * measured with (extractor and weight hash, sample count, reference), as of the latest evaluation.
   */
  private void writeMetricProvenance(long step) {
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("step", step);
    provenance.put("measuredWith", metrics.provenance());
    try {
      Files.writeString(directory.resolve(METRIC_PROVENANCE),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(provenance) + "\n");
    } catch (IOException e) {
      throw unwritable(directory, e);
    }
  }

  /** Tells the listener and appends the alert to {@code alerts.jsonl}, which rollbacks never cut. */
  private void record(FailureMonitor.Alert alert, String kind, String action, Listener listener) {
    listener.alerted(alert, action);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", alert.step());
    line.put("alert", kind);
    line.put("message", alert.message());
    line.put("action", action);
    try {
      Files.writeString(directory.resolve("alerts.jsonl"), JSON.writeValueAsString(line) + "\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw unwritable(directory, e);
    }
  }

  /** Writes fixed-noise samples as {@code samples/<name>.png} (and {@code .csv} for vectors). */
  private void writeSamples(String name) {
    try {
      GanModel model = trainer.model();
      Samples.write(model.sample(fixedNoise), fixedReal, data.info(), directory.resolve("samples").resolve(name),
          model.classCount() > 0 ? GRID_COLUMNS_PER_CLASS : (int) Math.ceil(Math.sqrt(fixedNoise.size(0))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write samples to " + directory.resolve("samples"), e);
    }
  }

  /** The data's description. */
  public DatasetInfo dataset() {
    return data.info();
  }

  private TrainingDivergedException diverged(TrainingDivergedException e) {
    String last = checkpoints.latest().map(name -> "the last good checkpoint is " + name + " in "
        + directory.resolve("checkpoints") + "; lower the learning rates in " + directory.resolve(CONFIG)
        + " and continue with: gan resume " + directory)
        .orElse("no checkpoint was written before it; lower the learning rates and train again");
    return new TrainingDivergedException(e.step(), e.getMessage().replaceFirst("^training diverged at step \\d+: ", "")
        + "; nothing from that step was written. " + Character.toUpperCase(last.charAt(0)) + last.substring(1));
  }

  private static void checkFresh(Path directory) {
    if (Files.isDirectory(directory)) {
      try (Stream<Path> entries = Files.list(directory)) {
        if (entries.findAny().isPresent()) {
          throw new GanForgeException(GanForgeException.USAGE, "run directory " + directory
              + " already exists and is not empty; choose another --out, or continue that run with: gan resume "
              + directory);
        }
      } catch (IOException e) {
        throw unwritable(directory, e);
      }
    } else if (Files.exists(directory)) {
      throw new GanForgeException(GanForgeException.USAGE, "--out " + directory + " is a file, not a folder");
    }
  }

  private static GanForgeException unwritable(Path directory, IOException e) {
    String reason = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.toString();
    return new GanForgeException(GanForgeException.USAGE,
        "cannot write the run directory " + directory + " (" + reason + "); choose a writable --out", e);
  }
}
