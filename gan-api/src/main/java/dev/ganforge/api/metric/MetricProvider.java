package dev.ganforge.api.metric;

import dev.ganforge.api.PluginProvider;
import dev.ganforge.api.PublicApi;

/**
 * Creates {@link Metric}s of one type. Register implementations with
 * {@code @AutoService(MetricProvider.class)}.
 *
 * @param <C> the config record of this metric type
 */
@PublicApi
public interface MetricProvider<C extends MetricConfig> extends PluginProvider<C, Metric> {}
