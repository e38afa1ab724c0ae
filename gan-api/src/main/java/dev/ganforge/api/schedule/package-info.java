/**
 * Training procedures: a {@link dev.ganforge.api.schedule.TrainingSchedule} (plugin kind
 * {@code schedule}) decides what each iteration does by calling the engine's primitives on an
 * {@link dev.ganforge.api.schedule.Iteration}; {@link dev.ganforge.api.schedule.TrainingFeature}s hook
 * around those primitives (PacGAN, generator EMA, learning-rate schedules, conditioning). The engine's
 * discriminator step, generator step and gradient chaining know no technique by name.
 */
@PublicApi
package dev.ganforge.api.schedule;

import dev.ganforge.api.PublicApi;
