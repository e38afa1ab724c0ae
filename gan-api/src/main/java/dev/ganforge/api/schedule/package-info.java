/**
 * Training-schedule plugins: per iteration, how many discriminator and generator updates run (n-critic),
 * at which learning-rate factors (warm-up, decay) and with how much unrolling. A
 * {@link dev.ganforge.api.schedule.TrainingSchedule} is a pure function of the step, so resumed runs make
 * the same decisions.
 */
@PublicApi
package dev.ganforge.api.schedule;

import dev.ganforge.api.PublicApi;
