package dev.ganforge.core;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.inject.GanForgeModule;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.random.SplitMixRandom;
import dev.ganforge.core.run.RunSnapshot;
import dev.ganforge.core.run.Runs;
import dev.ganforge.core.run.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GAN composed by {@link GanBuilder}: train it into a run directory, continue a run, sample and
 * evaluate what was trained. Runs are the same as {@code gan train} makes (the same directory, resumable
 * from the command line unless the data was given as a {@link DataSource}).
 *
 * <p>The instances given to the builder (a data source, listeners, features) serve every run of this
 * GAN: keep them free of per-run state, or build a new {@code Gan} for each run (a data source is a
 * stream, so a second run from the same one reads on where the first stopped). Train one run at a time
 * per process: a run sets ND4J's native thread count ({@code training.threads}) for the whole process.
 */
public final class Gan {
  private final GanConfig config;
  private final PluginRegistry registry;
  private final ConfigMapper mapper;
  private final Runs runs;
  private final Module[] modules;
  private final SplitMixRandom sampleRandom;
  private TrainingRun last;

  Gan(GanConfig config, PluginRegistry registry, ConfigMapper mapper, DataSource dataSource,
      List<RunListener> listeners, List<TrainingFeature> features, List<Module> userModules) {
    this.config = config;
    this.registry = registry;
    this.mapper = mapper;
    this.runs = Guice.createInjector(new GanForgeModule(registry)).getInstance(Runs.class);
    List<Module> all = new ArrayList<>();
    all.add(new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder<RunListener> boundListeners = Multibinder.newSetBinder(binder(), RunListener.class)
            .permitDuplicates();
        listeners.forEach(listener -> boundListeners.addBinding().toInstance(listener));
        Multibinder<TrainingFeature> boundFeatures = Multibinder.newSetBinder(binder(), TrainingFeature.class)
            .permitDuplicates();
        features.forEach(feature -> boundFeatures.addBinding().toInstance(feature));
        if (dataSource != null) {
          bind(DataSource.class).toInstance(dataSource);
        }
      }
    });
    all.addAll(userModules);
    this.modules = all.toArray(Module[]::new);
    this.sampleRandom = SplitMixRandom.stream(config.seed(), "java-api-samples");
  }

  /** The checked config, as its YAML reads back. */
  public GanConfig config() {
    return config;
  }

  /** The config as YAML: save it and {@code gan train} it, or read it back with {@link GanBuilder#config(Path)}. */
  public String toYaml() {
    return mapper.toYaml(config);
  }

  /** The plugins this GAN was built with. */
  public PluginRegistry plugins() {
    return registry;
  }

  /**
   * Starts a run in {@code directory} (missing or empty) and trains it to {@code training.steps}.
   *
   * @throws GanForgeException subclasses for data, model, directory or training failures, each with a
   *     message saying what to do
   */
  public TrainingRun train(Path directory) {
    last = runs.start(config, directory, modules);
    last.train();
    return last;
  }

  /** Continues the run in {@code directory} from its latest checkpoint to its configured length. */
  public TrainingRun resume(Path directory) {
    last = runs.resume(directory, Optional.empty(), modules);
    last.train();
    return last;
  }

  /** A checkpoint of a run this GAN made (the latest when {@code checkpoint} is empty), to sample from. */
  public RunSnapshot snapshot(Path directory, Optional<String> checkpoint) {
    return runs.snapshot(directory, checkpoint, modules);
  }

  /**
   * {@code n} samples {@code [n, ...sampleShape]} from the generator the last {@link #train} or
   * {@link #resume} left (its weight average when the config samples from one), in inference mode.
   */
  public INDArray sample(int n) {
    return lastRun().model().sample(config.latent().sample(sampleRandom, TrainingRun.DATA_TYPE, n));
  }

  /** Evaluates {@code metrics} (e.g. {@code new ModeCoverage.Config(2500, null, null)}) on the last run's generator. */
  public Map<String, Double> evaluate(MetricConfig... metrics) {
    return lastRun().evaluate(List.of(metrics));
  }

  private TrainingRun lastRun() {
    if (last == null) {
      throw new IllegalStateException("nothing trained yet: call train(directory) or resume(directory) first");
    }
    return last;
  }
}
