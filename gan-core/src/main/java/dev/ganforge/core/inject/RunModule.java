package dev.ganforge.core.inject;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.GeneratorMetrics;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.run.Checkpoints;
import dev.ganforge.core.run.TrainingRun;
import java.nio.file.Path;

/**
 * The object graph of one run: its directory and config, the data source, where checkpoints go, the
 * metrics evaluated during training, and two sets a module may add to: {@code Set<RunListener>} (hear
 * every event) and {@code Set<TrainingFeature>} (hooks around the engine's steps). Installed with
 * {@code Modules.override(runModule).with(yours)} by {@link dev.ganforge.core.run.Runs}, so a module of
 * yours can replace any of these bindings:
 *
 * <pre>{@code
 * new AbstractModule() {
 *   @Provides @Singleton Checkpoints checkpoints(@RunDirectory Path run, GanConfig config) {   // another disk
 *     return new Checkpoints(Path.of("/mnt/big").resolve(run.getFileName()), config.training().keepCheckpoints());
 *   }
 *   @Override protected void configure() {
 *     Multibinder.newSetBinder(binder(), RunListener.class).addBinding().to(MyListener.class);
 *   }
 * }
 * }</pre>
 */
public final class RunModule extends AbstractModule {
  private final Path directory;
  private final GanConfig config;

  public RunModule(Path directory, GanConfig config) {
    this.directory = requireNonNull(directory, "directory");
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(Path.class).annotatedWith(RunDirectory.class).toInstance(directory);
    bind(GanConfig.class).toInstance(config);
    // The same listener or feature bound twice is one element, not a start-up error.
    Multibinder.newSetBinder(binder(), RunListener.class).permitDuplicates();
    Multibinder.newSetBinder(binder(), TrainingFeature.class).permitDuplicates();
  }

  /** The config's data, opened once per run. */
  @Provides
  @Singleton
  DataSource data(GanConfig config) {
    return DataSources.open(config.data(), config.seed(), TrainingRun.DATA_TYPE);
  }

  /** {@code RUN_DIR/checkpoints}, keeping the config's {@code keepCheckpoints} newest. */
  @Provides
  @Singleton
  Checkpoints checkpoints(@RunDirectory Path directory, GanConfig config) {
    return new Checkpoints(directory.resolve(Checkpoints.FOLDER), config.training().keepCheckpoints());
  }

  /** The config's {@code metrics:}, evaluated during training. */
  @Provides
  @Singleton
  GeneratorMetrics metrics(GanConfig config, PluginRegistry registry, DataSource data) {
    return GeneratorMetrics.create(config, config.metrics(), registry, data, TrainingRun.DATA_TYPE);
  }
}
