/**
 * Run listeners: {@link dev.ganforge.api.listener.RunListener}s hear a run's events (start, every
 * iteration with its scalars, checkpoints, alerts, the end). The plugin kind {@code listener} creates
 * them from a config's {@code listeners:} list.
 */
@PublicApi
package dev.ganforge.api.listener;

import dev.ganforge.api.PublicApi;
