package dev.ganforge.api.layer;

import dev.ganforge.api.PluginProvider;
import dev.ganforge.api.PublicApi;

/**
 * Creates {@link Layer}s of one type. Register implementations with
 * {@code @AutoService(LayerProvider.class)}.
 *
 * @param <C> the config record of this layer type
 */
@PublicApi
public interface LayerProvider<C extends LayerConfig> extends PluginProvider<C, Layer> {}
