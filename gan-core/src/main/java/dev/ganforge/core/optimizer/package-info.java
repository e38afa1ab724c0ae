/**
 * Per-network optimizers ({@code adam}, {@code rmsprop}, {@code sgd}). Each network has its own, so the
 * two time-scale update rule (TTUR: a faster discriminator) is just config.
 */
package dev.ganforge.core.optimizer;
