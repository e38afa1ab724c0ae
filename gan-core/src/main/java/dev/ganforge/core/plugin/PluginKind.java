package dev.ganforge.core.plugin;

import dev.ganforge.api.PluginConfig;
import dev.ganforge.api.PluginProvider;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.listener.ListenerConfig;
import dev.ganforge.api.listener.ListenerProvider;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.api.metric.MetricProvider;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.regularizer.RegularizerProvider;
import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.api.schedule.TrainingScheduleProvider;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The six kinds of plugin, each with its provider interface and config base type. */
public enum PluginKind {
  LAYER(LayerProvider.class, LayerConfig.class),
  LOSS(LossProvider.class, LossConfig.class),
  REGULARIZER(RegularizerProvider.class, RegularizerConfig.class),
  METRIC(MetricProvider.class, MetricConfig.class),
  SCHEDULE(TrainingScheduleProvider.class, ScheduleConfig.class),
  LISTENER(ListenerProvider.class, ListenerConfig.class);

  @SuppressWarnings("rawtypes")
  private final Class<? extends PluginProvider> providerInterface;

  private final Class<? extends PluginConfig> configBase;

  @SuppressWarnings("rawtypes")
  PluginKind(Class<? extends PluginProvider> providerInterface, Class<? extends PluginConfig> configBase) {
    this.providerInterface = providerInterface;
    this.configBase = configBase;
  }

  /** The name users write ({@code gan plugins --kind loss}) and messages use. */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The SPI that plugins implement and register with {@code @AutoService}. */
  @SuppressWarnings("rawtypes")
  public Class<? extends PluginProvider> providerInterface() {
    return providerInterface;
  }

  /** The config base type whose {@code type} key selects a provider of this kind. */
  public Class<? extends PluginConfig> configBase() {
    return configBase;
  }

  /** The kind whose config base type is exactly {@code type}, if any. */
  public static Optional<PluginKind> forConfigBase(Class<?> type) {
    return Arrays.stream(values()).filter(kind -> kind.configBase == type).findFirst();
  }

  /**
   * The kind {@code provider} implements the provider interface of.
   *
   * @throws IllegalArgumentException when it implements none
   */
  public static PluginKind of(PluginProvider<?, ?> provider) {
    return Arrays.stream(values()).filter(kind -> kind.providerInterface.isInstance(provider)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(provider.getClass().getName() + " implements no provider "
            + "interface of a plugin kind (LossProvider, LayerProvider, ...)"));
  }

  /** Parses a user-given kind name, case-insensitively. */
  public static Optional<PluginKind> parse(String name) {
    return Arrays.stream(values())
        .filter(kind -> kind.displayName().equalsIgnoreCase(name.trim()))
        .findFirst();
  }

  /** The kind names, for messages: {@code layer, loss, regularizer, metric, schedule, listener}. */
  public static String knownNames() {
    return Arrays.stream(values()).map(PluginKind::displayName).collect(Collectors.joining(", "));
  }
}
