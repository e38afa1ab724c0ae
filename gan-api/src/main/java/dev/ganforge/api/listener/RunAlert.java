package dev.ganforge.api.listener;

import dev.ganforge.api.PublicApi;

/**
 * A failure alert, as {@code alerts.jsonl} records it.
 *
 * @param step the iteration at which the symptom showed
 * @param kind {@code discriminator-loss-collapse}, {@code exploding-gradients},
 *     {@code discriminator-loss-variance-spike}, {@code exploding-loss} (a loss beyond
 *     {@code alerts.divergeAbove}) or {@code not-finite} (a NaN or infinite loss)
 * @param message what was measured
 * @param action what the run does: warned, rolled back (to which checkpoint), or stopped (and why)
 */
@PublicApi
public record RunAlert(long step, String kind, String message, String action) {}
