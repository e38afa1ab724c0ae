package dev.ganforge.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.listener.ListenerConfig;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.listener.RunStart;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.engine.GeneratorMetrics;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.engine.TrainerFactory;
import dev.ganforge.core.engine.TrainingDivergedException;
import dev.ganforge.core.inject.RunDirectory;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.random.SplitMixRandom;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training run and its directory: {@code config.yaml} (the resolved config), {@code metrics.jsonl},
 * {@code samples/} (fixed-noise samples) and {@code checkpoints/}. Starting a run, resuming it from its
 * latest checkpoint after any interruption, and running it to its configured number of steps give the
 * same metrics, line for line, as one uninterrupted run (wall-clock {@code time/} values aside).
 *
 * <p>The loop trains, measures (the failure monitor's diagnostics, the metrics that are due) and hands
 * every event to the listeners: the run's own outputs first (metrics log, samples, checkpoints, report,
 * alert log), then the config's {@code listeners:}, the ones bound in Guice and those passed to
 * {@link #train}, and the alert policy last. {@link Runs} opens runs; the injector that does so builds
 * this object, so a module can replace any part of it (where checkpoints go, the data).
 */
public final class TrainingRun implements AutoCloseable {
  /** Training precision. */
  public static final DataType DATA_TYPE = DataType.FLOAT;
  /** Images per class in a conditional model's sample grid (one row per class). */
  public static final int GRID_COLUMNS_PER_CLASS = 8;
  /** What the training-time metric values were measured with. */
  public static final String METRIC_PROVENANCE = "metric-provenance.json";

  static final String CONFIG = "config.yaml";
  private static final String METRICS = "metrics.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final DataSource data;
  private final Checkpoints checkpoints;
  private final GeneratorMetrics metrics;
  private final PluginRegistry registry;
  private final ConfigMapper mapper;
  private final List<TrainingFeature> features;
  private final List<RunListener> boundListeners;
  private final List<RunListener> configuredListeners = new ArrayList<>();
  private final FailureMonitor monitor;
  private final RunEvents events = new RunEvents();
  private final MetricsLogWriter log;
  private final CheckpointWriter checkpointWriter;
  private final AlertPolicy alertPolicy;
  private final List<RunListener> outputs;
  private GanConfig config;
  private Trainer trainer;
  /** This process's claim on the run directory while it trains (see {@link RunLock}). */
  private RunLock lock;
  /** Why training was asked to stop after the step under way; null while it goes on. */
  private volatile String stopRequested;

  /**
   * Opens the run in {@code directory} (whose {@code config.yaml} {@code config} is): from its latest
   * checkpoint, or from the untrained networks when it has none.
   *
   * @throws CheckpointException when the latest checkpoint is unreadable
   */
  @Inject
  TrainingRun(@RunDirectory Path directory, GanConfig config, DataSource data, Checkpoints checkpoints,
      Provider<GeneratorMetrics> metrics, PluginRegistry registry, ConfigMapper mapper,
      Set<TrainingFeature> features, Set<RunListener> listeners) {
    this.directory = directory;
    this.config = config;
    this.data = data;
    this.checkpoints = checkpoints;
    this.registry = registry;
    this.mapper = mapper;
    this.features = List.copyOf(features);
    this.boundListeners = List.copyOf(listeners);
    this.monitor = new FailureMonitor(config.alerts());
    Optional<String> latest = checkpoints.latest();
    long logged = loggedBytes(directory.resolve(METRICS));
    long metricsLength = 0;
    if (latest.isPresent()) {
      Checkpoints.Loaded loaded = checkpoints.read(latest.get());
      metricsLength = loaded.state().metricsLength();
      if (logged < metricsLength) {
        throw new CheckpointException(directory.resolve(METRICS) + " holds " + logged + " bytes, fewer than the "
            + metricsLength + " its checkpoint " + latest.get() + " recorded: the log was cut or emptied, and "
            + "resuming would go on without that history. Put the log back, or start over by training "
            + directory.resolve(CONFIG) + " into a new run directory");
      }
      this.trainer = restoredTrainer(loaded);
      monitor.restore(loaded.state().monitor());
    } else if (logged > 0) {
      throw new CheckpointException(directory + " has logged training but holds no checkpoint in "
          + checkpoints.directory() + " (deleted?): resuming would train it again from step 0 over its history. "
          + "To start over, train " + directory.resolve(CONFIG) + " into a new run directory");
    } else {
      GanModel untrained = GanModel.assemble(config, registry, data.info(), DATA_TYPE);
      this.trainer = TrainerFactory.create(config, registry, untrained, data, DATA_TYPE, this.features);
      trainer.readOtherRunsWith(Checkpoints::latestNetwork);
    }
    // After the trainer: it sets the run's native thread count, which the metrics' set-up work runs on.
    this.metrics = metrics.get();
    for (ListenerConfig listener : config.listeners()) {
      configuredListeners.add(registry.create(PluginKind.LISTENER, listener, trainer.pluginContext()));
    }
    boolean images = Samples.areImages(data.info());
    int classes = trainer.model().classCount();
    INDArray fixedNoise = config.latent().sample(SplitMixRandom.stream(config.seed(), "fixed-noise"), DATA_TYPE,
        classes > 0 ? classes * GRID_COLUMNS_PER_CLASS : images ? 64 : 1000);
    this.log = new MetricsLogWriter(directory.resolve(METRICS), config.training().logEvery(), metricsLength);
    this.checkpointWriter = new CheckpointWriter(checkpoints, () -> trainer, log::length, monitor::state,
        config.training().checkpointEvery(), events);
    this.alertPolicy = new AlertPolicy(() -> this.config.alerts(), monitor, checkpoints, directory.resolve(CONFIG),
        checkpointWriter::write, this::rollBack, events);
    this.outputs = List.of(log,
        new SampleWriter(directory.resolve("samples"), () -> trainer.model(), data.info(), fixedNoise,
            images ? null : data.fixedSamples(1000), config.training().sampleEvery()),
        checkpointWriter, new ReportWriter(directory), new AlertsLog(directory.resolve("alerts.jsonl")));
  }

  private static long loggedBytes(Path metricsLog) {
    try {
      return Files.exists(metricsLog) ? Files.size(metricsLog) : 0;
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + metricsLog + ": " + e.getMessage(), e);
    }
  }

  private Trainer restoredTrainer(Checkpoints.Loaded loaded) {
    GanModel model = GanModel.of(loaded.generator(), loaded.discriminator(), data.info());
    Trainer restored = TrainerFactory.create(config, registry, model, data, DATA_TYPE, features);
    restored.restore(loaded.state().trainer());
    restored.restoreArrays(loaded.arrays());
    restored.readOtherRunsWith(Checkpoints::latestNetwork);
    return restored;
  }

  /** The run directory. */
  public Path directory() {
    return directory;
  }

  /** The resolved config (with the learning rates lowered by rollbacks). */
  public GanConfig config() {
    return config;
  }

  /** Iterations completed. */
  public long step() {
    return trainer.step();
  }

  /** The networks as they are now. */
  public GanModel model() {
    return trainer.model();
  }

  /** The data's description. */
  public DatasetInfo dataset() {
    return data.info();
  }

  /**
   * Evaluates {@code metrics} on the generator as it is now (its weight average when the run samples from
   * one), as {@code gan eval} does on a checkpoint.
   */
  public Map<String, Double> evaluate(List<MetricConfig> metrics) {
    return GeneratorMetrics.create(config, metrics, registry, data, DATA_TYPE).evaluateAll(trainer.model(),
        trainer.step());
  }

  /**
   * Asks training to stop after the step under way (from any thread, a signal handler's say): that step
   * is finished and checkpointed, and {@link #train} throws {@link TrainingInterruptedException}.
   */
  public void requestStop(String reason) {
    stopRequested = reason;
  }

  /** Takes over the lock {@link Runs} took to open this run. */
  void holding(RunLock held) {
    lock = held;
  }

  /** Lets another process write into the run directory; {@link #train} takes the lock again. */
  @Override
  public void close() {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }

  /** Trains to the configured number of steps; see {@link #train(List)}. */
  public void train(RunListener... listeners) {
    train(List.of(listeners));
  }

  /**
   * Trains to the configured number of steps, logging, sampling and checkpointing on the way, and tells
   * {@code listeners} (after the config's and the bound ones) every event.
   *
   * @throws TrainingDivergedException naming the step and the last good checkpoint
   * @throws TrainingStoppedException when the alert policy stops the run
   * @throws RunDirectoryException when another run holds the run directory's lock
   * @throws TrainingInterruptedException when {@link #requestStop} asked it to stop (after a checkpoint)
   */
  public void train(List<RunListener> listeners) {
    if (lock == null) {
      lock = RunLock.acquire(directory);
    }
    try {
      trainHoldingTheLock(listeners);
    } finally {
      close();
    }
  }

  private void trainHoldingTheLock(List<RunListener> listeners) {
    List<RunListener> all = new ArrayList<>(outputs);
    all.addAll(configuredListeners);
    all.addAll(boundListeners);
    all.addAll(listeners);
    all.add(alertPolicy);
    events.use(all);
    long total = config.training().steps();
    try {
      checkpoints.removeLeftovers();
      events.onStart(new RunStart(directory, trainer.step(), total));
      if (trainer.step() == 0 && checkpoints.latest().isEmpty()) {
        // The untrained networks: a baseline for gan eval, and a rollback target for an early failure.
        checkpointWriter.write();
      }
      while (trainer.step() < total) {
        iterate();
        if (stopRequested != null) {
          stopHere(stopRequested);
        }
      }
      events.onFinish(trainer.step());
    } catch (RuntimeException | Error e) {
      events.onFailure(trainer.step(), e);
      throw e;
    }
  }

  /** Checkpoints the step just trained (unless that happened already) and stops. */
  private void stopHere(String reason) {
    stopRequested = null;
    long step = trainer.step();
    if (!checkpoints.latest().equals(Optional.of(String.format("step-%06d", step)))) {
      checkpointWriter.write();
    }
    throw new TrainingInterruptedException(step, directory, reason);
  }

  /** One iteration: train, measure, tell the listeners. */
  private void iterate() {
    long start = System.nanoTime();
    Map<String, Double> scalars;
    try {
      scalars = new LinkedHashMap<>(trainer.iterate());
    } catch (TrainingDivergedException e) {
      alertPolicy.diverged(e);
      return;
    }
    long step = trainer.step();
    Optional<String> diverged = config.alerts().divergedLoss(scalars);
    if (diverged.isPresent()) {
      // As good as a NaN: under warn it would train on, and on, with losses of 1e16.
      alertPolicy.exploded(step, diverged.get());
      return;
    }
    scalars.put("time/step-ms", (System.nanoTime() - start) / 1e6);
    alertPolicy.observe(step, scalars);
    if (metrics.isDue(step)) {
      scalars.putAll(metrics.evaluateDue(trainer.model(), step));
      writeMetricProvenance(step);
      log.metricsEvaluated();
    }
    events.onIteration(step, Collections.unmodifiableMap(scalars));
  }

  /**
   * Returns to {@code target} with both learning rates times {@code factor} (written to
   * {@code config.yaml}, so a resume keeps them): newer checkpoints deleted, the trainer, the failure
   * monitor and the metrics log as the checkpoint recorded them.
   */
  private void rollBack(String target, double factor) {
    config = config.withLearningRateFactor(factor);
    writeConfig(directory, mapper, config);
    checkpoints.discardAfter(target);
    Checkpoints.Loaded loaded = checkpoints.read(target);
    trainer = restoredTrainer(loaded);
    monitor.restore(loaded.state().monitor());
    monitor.reset();
    log.cutTo(loaded.state().metricsLength());
    events.onRollback(trainer.step());
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
      throw RunDirectoryException.unwritable(directory, e);
    }
  }

  /** Writes {@code config} as the run's {@code config.yaml}. */
  static void writeConfig(Path directory, ConfigMapper mapper, GanConfig config) {
    try {
      Files.createDirectories(directory.resolve("samples"));
      Files.writeString(directory.resolve(CONFIG), mapper.toYaml(config));
    } catch (IOException e) {
      throw RunDirectoryException.unwritable(directory, e);
    }
  }
}
