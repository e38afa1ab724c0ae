package dev.ganforge.core;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import dev.ganforge.api.PluginProvider;
import dev.ganforge.api.listener.ListenerConfig;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.config.AlertsConfig;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.config.LatentConfig;
import dev.ganforge.core.config.NetworkConfig;
import dev.ganforge.core.config.TrainingConfig;
import dev.ganforge.core.data.DataConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.ProvidedDataConfig;
import dev.ganforge.core.plugin.PluginDescriptor;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginLoader;
import dev.ganforge.core.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Composes a GAN in Java, part by part, into the same {@link GanConfig} a YAML file gives; then
 * {@link #build()} checks it as strictly as {@code gan validate} does and returns a {@link Gan} to train.
 * Parts are the config records of the plugins ({@code DenseLayer.Config}, {@code NonSaturatingLoss.Config}
 * and so on, from the plugin modules on your classpath); code of your own joins as instances: a
 * {@link DataSource}, {@link RunListener}s (a lambda will do), {@link TrainingFeature}s, providers of new
 * plugin types, and Guice modules that replace parts of a run.
 *
 * <pre>{@code
 * Gan gan = GanBuilder.create()
 *     .seed(1)
 *     .data(new GaussianRingConfig(8, 1.0, 0.01))
 *     .latent(new LatentConfig(16, LatentDistribution.NORMAL))
 *     .generator(new NetworkConfig(List.of(
 *         new DenseLayer.Config(128, ActivationFunction.RELU, null, null, null),
 *         new DenseLayer.Config(2, null, null, null, null)), adam, null))
 *     .discriminator(...)
 *     .loss(new NonSaturatingLoss.Config(0.9, null))
 *     .training(new TrainingConfig(20_000, 512, ...))
 *     .listener((step, scalars) -> System.out.println(step + " " + scalars.get("loss/generator")))
 *     .build();
 * TrainingRun run = gan.train(Path.of("runs/ring"));
 * }</pre>
 *
 * <p>A YAML config can be loaded, changed in code and run: {@code GanBuilder.create().config(path)
 * .training(...).build()}.
 */
public final class GanBuilder {
  private Long seed;
  private DataConfig data;
  private DataSource dataSource;
  private LatentConfig latent;
  private NetworkConfig generator;
  private NetworkConfig discriminator;
  private LossConfig loss;
  private final List<RegularizerConfig> regularizers = new ArrayList<>();
  private ScheduleConfig schedule;
  private final List<MetricConfig> metrics = new ArrayList<>();
  private AlertsConfig alerts;
  private TrainingConfig training;
  private final List<ListenerConfig> listenerConfigs = new ArrayList<>();
  private final List<PluginProvider<?, ?>> providers = new ArrayList<>();
  private final List<Path> pluginDirectories = new ArrayList<>();
  private final List<RunListener> listeners = new ArrayList<>();
  private final List<TrainingFeature> features = new ArrayList<>();
  private final List<Module> modules = new ArrayList<>();

  private GanBuilder() {}

  /** An empty builder; plugins come from the classpath (and {@link #pluginDirectory}, {@link #plugin}). */
  public static GanBuilder create() {
    return new GanBuilder();
  }

  /** Takes every part of {@code config} (read from YAML, or another builder's); later calls change them. */
  public GanBuilder config(GanConfig config) {
    seed = config.seed();
    data = config.data();
    latent = config.latent();
    generator = config.generator();
    discriminator = config.discriminator();
    loss = config.loss();
    regularizers.clear();
    regularizers.addAll(config.regularizers());
    schedule = config.schedule();
    metrics.clear();
    metrics.addAll(config.metrics());
    alerts = config.alerts();
    training = config.training();
    listenerConfigs.clear();
    listenerConfigs.addAll(config.listeners());
    return this;
  }

  /**
   * Reads a YAML or JSON config file with this builder's plugins and takes its parts.
   *
   * @throws dev.ganforge.core.config.ConfigException with every problem in the file
   */
  public GanBuilder config(Path file) {
    return config(new ConfigMapper(registry()).read(file, GanConfig.class));
  }

  /** The run's seed (default 0). */
  public GanBuilder seed(long newSeed) {
    seed = newSeed;
    return this;
  }

  /** The training data, by config ({@code new GaussianRingConfig(...)}, {@code new FashionMnistConfig(...)}). */
  public GanBuilder data(DataConfig config) {
    data = requireNonNull(config, "data");
    dataSource = null;
    return this;
  }

  /**
   * Data of your own. The run's {@code config.yaml} records it as {@code {type: provided, name: ...}};
   * resume or sample the run from Java with the same source. One source serves one run at a time: it is
   * a stream whose position checkpoints save.
   */
  public GanBuilder data(DataSource source) {
    dataSource = requireNonNull(source, "source");
    data = new ProvidedDataConfig(source.info().name());
    return this;
  }

  /** The latent code (default 100 normal coordinates). */
  public GanBuilder latent(LatentConfig config) {
    latent = requireNonNull(config, "latent");
    return this;
  }

  /** The generator: its layers, optimizer and learning-rate schedule. */
  public GanBuilder generator(NetworkConfig network) {
    generator = requireNonNull(network, "generator");
    return this;
  }

  /** The discriminator: its layers, optimizer and learning-rate schedule. */
  public GanBuilder discriminator(NetworkConfig network) {
    discriminator = requireNonNull(network, "discriminator");
    return this;
  }

  /** The adversarial loss. */
  public GanBuilder loss(LossConfig config) {
    loss = requireNonNull(config, "loss");
    return this;
  }

  /** Adds a regularizer (penalties, constraints, input transforms), after those already added. */
  public GanBuilder regularizer(RegularizerConfig config) {
    regularizers.add(requireNonNull(config, "regularizer"));
    return this;
  }

  /** The training schedule (default {@code alternating}, one D and one G step per iteration). */
  public GanBuilder schedule(ScheduleConfig config) {
    schedule = requireNonNull(config, "schedule");
    return this;
  }

  /** Adds a metric evaluated during training. */
  public GanBuilder metric(MetricConfig config) {
    metrics.add(requireNonNull(config, "metric"));
    return this;
  }

  /** Failure detection and its policy (default: warn). */
  public GanBuilder alerts(AlertsConfig config) {
    alerts = requireNonNull(config, "alerts");
    return this;
  }

  /** Steps, batch size, sampling and checkpoint intervals, EMA, PacGAN, threads. */
  public GanBuilder training(TrainingConfig config) {
    training = requireNonNull(config, "training");
    return this;
  }

  /** Adds a listener plugin by its config (it is written to {@code config.yaml}, unlike {@link #listener}). */
  public GanBuilder listener(ListenerConfig config) {
    listenerConfigs.add(requireNonNull(config, "listener"));
    return this;
  }

  /** Adds a listener that hears every run this GAN trains; a lambda receives each iteration's scalars. */
  public GanBuilder listener(RunListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
    return this;
  }

  /** Adds a feature whose hooks run around the engine's steps, after the built-in ones. */
  public GanBuilder feature(TrainingFeature feature) {
    features.add(requireNonNull(feature, "feature"));
    return this;
  }

  /** Registers a plugin type from code, as if its jar were on the classpath: its configs work here and in YAML. */
  public GanBuilder plugin(PluginProvider<?, ?> provider) {
    providers.add(requireNonNull(provider, "provider"));
    return this;
  }

  /** Adds the plugins in a folder of jars, like {@code --plugin-dir}. */
  public GanBuilder pluginDirectory(Path directory) {
    pluginDirectories.add(requireNonNull(directory, "directory"));
    return this;
  }

  /**
   * Adds Guice modules that override the bindings of every run ({@link dev.ganforge.core.inject.RunModule}
   * lists them: the data source, where checkpoints go, the metrics) or add to its listeners and features.
   */
  public GanBuilder modules(Module... more) {
    modules.addAll(Arrays.asList(more));
    return this;
  }

  /** The config composed so far, unchecked beyond what each record checks itself. */
  public GanConfig toConfig() {
    return new GanConfig(seed, data, latent, generator, discriminator, loss, regularizers, schedule, metrics, alerts,
        training, listenerConfigs);
  }

  /**
   * Checks the config as a YAML file is checked (every problem at once, by path) and returns the GAN.
   * The config it holds is the one its YAML reads back as.
   *
   * @throws dev.ganforge.core.config.ConfigException with every problem found
   */
  public Gan build() {
    PluginRegistry registry = registry();
    ConfigMapper mapper = new ConfigMapper(registry);
    GanConfig config = mapper.read(mapper.toYaml(toConfig()), false, "the GanBuilder config", GanConfig.class);
    return new Gan(config, registry, mapper, dataSource, listeners, features, modules);
  }

  private PluginRegistry registry() {
    PluginRegistry loaded = PluginLoader.load(GanBuilder.class.getClassLoader(), pluginDirectories);
    if (providers.isEmpty()) {
      return loaded;
    }
    PluginRegistry.Builder builder = PluginRegistry.builder();
    loaded.all().forEach(builder::add);
    for (PluginProvider<?, ?> provider : providers) {
      builder.add(new PluginDescriptor(PluginKind.of(provider), provider, "code",
          provider.getClass().getName()));
    }
    return builder.build();
  }
}
