package dev.ganforge.api.listener;

import dev.ganforge.api.PluginProvider;
import dev.ganforge.api.PublicApi;

/**
 * Creates {@link RunListener}s of one type. Register implementations with
 * {@code @AutoService(ListenerProvider.class)}.
 *
 * @param <C> the config record of this listener type
 */
@PublicApi
public interface ListenerProvider<C extends ListenerConfig> extends PluginProvider<C, RunListener> {}
