package dev.ganforge.api.schedule;

import dev.ganforge.api.PluginProvider;
import dev.ganforge.api.PublicApi;

/**
 * Creates {@link TrainingSchedule}s of one type. Register implementations with
 * {@code @AutoService(TrainingScheduleProvider.class)}.
 *
 * @param <C> the config record of this schedule type
 */
@PublicApi
public interface TrainingScheduleProvider<C extends ScheduleConfig>
    extends PluginProvider<C, TrainingSchedule> {}
