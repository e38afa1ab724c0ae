package dev.ganforge.core.run;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.util.Modules;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.engine.TrainerFactory;
import dev.ganforge.core.inject.GanForgeModule;
import dev.ganforge.core.inject.RunModule;
import dev.ganforge.core.plugin.PluginRegistry;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Opens training runs: new ones, continued ones, and their checkpoints to sample from. Each run is built
 * by a child injector from a {@link RunModule} overridden by the modules passed in, so a caller can
 * replace any part of a run (its data, where its checkpoints go) or add listeners and features.
 */
public final class Runs {
  private final Injector injector;
  private final ConfigMapper mapper;

  @Inject
  Runs(Injector injector, ConfigMapper mapper) {
    this.injector = injector;
    this.mapper = mapper;
  }

  /** Runs over the plugins of {@code registry}, for callers without an injector of their own. */
  public static Runs using(PluginRegistry registry) {
    return Guice.createInjector(new GanForgeModule(registry)).getInstance(Runs.class);
  }

  /**
   * Starts a new run of {@code config} in {@code directory}, which must not exist or be empty; nothing is
   * written there before the data and both networks are ready.
   *
   * @throws RunDirectoryException when the directory is taken or cannot be written
   * @throws dev.ganforge.core.data.DataUnavailableException when the data is missing
   */
  public TrainingRun start(GanConfig config, Path directory, Module... modules) {
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new RunDirectoryException(directory, RunDirectoryException.Reason.NOT_A_DIRECTORY,
          "the run directory " + directory + " is a file, not a folder", null);
    }
    boolean created = !Files.exists(directory);
    RunLock lock = RunLock.acquire(directory);
    try {
      checkFresh(directory);
      Injector run = runInjector(directory, config, List.of(modules));
      Checkpoints checkpoints = instance(run, Checkpoints.class);
      if (checkpoints.latest().isPresent()) {
        // A module may put checkpoints outside the run directory: a new run must not continue another one.
        throw new RunDirectoryException(directory, RunDirectoryException.Reason.TAKEN, "the checkpoint folder "
            + checkpoints.directory() + " of the new run " + directory + " already holds checkpoints", null);
      }
      TrainingRun training = instance(run, TrainingRun.class);
      TrainingRun.writeConfig(directory, mapper, config);
      training.holding(lock);
      return training;
    } catch (RuntimeException e) {
      lock.close();
      if (created) {
        deleteLockedFolder(directory); // nothing of the run was written: leave no empty folder behind
      }
      throw e;
    }
  }

  /**
   * Opens the run in {@code directory} to continue it from its latest checkpoint (or from the start when
   * it has none), with {@code steps} as its new length when given (written to its {@code config.yaml}).
   *
   * @throws RunDirectoryException when the directory holds no run
   * @throws CheckpointException when the latest checkpoint is unreadable
   */
  public TrainingRun resume(Path directory, Optional<Integer> steps, Module... modules) {
    GanConfig config = readConfig(directory);
    GanConfig resumed = steps.isPresent() && steps.get() != config.training().steps()
        ? config.withSteps(steps.get()) : config;
    RunLock lock = RunLock.acquire(directory);
    try {
      // The checkpoint loads first: a resume that fails leaves the run directory as it was.
      TrainingRun run = open(directory, resumed, List.of(modules));
      if (resumed != config) {
        TrainingRun.writeConfig(directory, mapper, resumed);
      }
      run.holding(lock);
      return run;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Opens a checkpoint of a run: {@code checkpoint} as a name like {@code step-000500} or a step number,
   * the latest when empty.
   *
   * @throws RunDirectoryException when the directory holds no run
   * @throws CheckpointException when it has no such checkpoint, or it is unreadable
   */
  public RunSnapshot snapshot(Path directory, Optional<String> checkpoint, Module... modules) {
    GanConfig config = readConfig(directory);
    Injector run = runInjector(directory, config, List.of(modules));
    Checkpoints checkpoints = instance(run, Checkpoints.class);
    String name = checkpoint.map(c -> c.matches("\\d+") ? String.format("step-%06d", Long.parseLong(c)) : c)
        .or(checkpoints::latest)
        .orElseThrow(() -> new CheckpointException(directory + " has no checkpoint yet; train it first"));
    if (!checkpoints.list().contains(name)) {
      throw new RunDirectoryException(directory, RunDirectoryException.Reason.NO_SUCH_CHECKPOINT, "no checkpoint "
          + name + " in " + directory + "; present: " + String.join(", ", checkpoints.list()), null);
    }
    DataSource data = instance(run, DataSource.class);
    Checkpoints.Loaded loaded = checkpoints.read(name);
    GanModel model = GanModel.of(loaded.generator(), loaded.discriminator(), data.info());
    return new RunSnapshot(config, TrainerFactory.samplingModel(config, instance(run, PluginRegistry.class), model,
        data, TrainingRun.DATA_TYPE, loaded.arrays()), data, name);
  }

  /** The resolved config of the run in {@code directory}. */
  public GanConfig readConfig(Path directory) {
    Path file = directory.resolve(TrainingRun.CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new RunDirectoryException(directory, RunDirectoryException.Reason.NOT_A_RUN,
          directory + " is not a run directory (it has no " + TrainingRun.CONFIG + ")", null);
    }
    return mapper.read(file, GanConfig.class);
  }

  private TrainingRun open(Path directory, GanConfig config, List<Module> modules) {
    return instance(runInjector(directory, config, modules), TrainingRun.class);
  }

  /** What a constructor or provider threw (missing data, a model that does not fit), not Guice's wrapper. */
  private static <T> T instance(Injector injector, Class<T> type) {
    try {
      return injector.getInstance(type);
    } catch (ProvisionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private Injector runInjector(Path directory, GanConfig config, List<Module> modules) {
    return injector.createChildInjector(Modules.override(new RunModule(directory, config)).with(modules));
  }

  /** A new run's directory may hold nothing but its lock. */
  private static void checkFresh(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      if (entries.anyMatch(entry -> !entry.getFileName().toString().equals(RunLock.FILE))) {
        throw new RunDirectoryException(directory, RunDirectoryException.Reason.TAKEN,
            "run directory " + directory + " already exists and is not empty", null);
      }
    } catch (IOException e) {
      throw RunDirectoryException.unwritable(directory, e);
    }
  }

  private static void deleteLockedFolder(Path directory) {
    try {
      Files.deleteIfExists(directory.resolve(RunLock.FILE));
      Files.deleteIfExists(directory);
    } catch (IOException ignored) {
      // the failure being reported matters more than an empty folder
    }
  }
}
