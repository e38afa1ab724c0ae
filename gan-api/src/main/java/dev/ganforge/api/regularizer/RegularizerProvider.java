package dev.ganforge.api.regularizer;

import dev.ganforge.api.PluginProvider;
import dev.ganforge.api.PublicApi;

/**
 * Creates {@link Regularizer}s of one type. Register implementations with
 * {@code @AutoService(RegularizerProvider.class)}.
 *
 * @param <C> the config record of this regularizer type
 */
@PublicApi
public interface RegularizerProvider<C extends RegularizerConfig> extends PluginProvider<C, Regularizer> {}
