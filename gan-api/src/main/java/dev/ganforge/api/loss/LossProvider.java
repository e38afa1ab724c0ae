package dev.ganforge.api.loss;

import dev.ganforge.api.PluginProvider;
import dev.ganforge.api.PublicApi;

/**
 * Creates {@link Loss}es of one type. Register implementations with
 * {@code @AutoService(LossProvider.class)}.
 *
 * @param <C> the config record of this loss type
 */
@PublicApi
public interface LossProvider<C extends LossConfig> extends PluginProvider<C, Loss> {}
