/**
 * Regularizer plugins: gradient penalties, parameter constraints and input transforms that keep GAN
 * training stable.
 *
 * <p>A {@link dev.ganforge.api.regularizer.Regularizer} may add a
 * {@link dev.ganforge.api.regularizer.Penalty} to a network's loss (asking the discriminator for input and
 * parameter gradients through {@link dev.ganforge.api.regularizer.Critic}), change parameters after an
 * update (weight clipping), or transform the discriminator's inputs (instance noise). Lazy
 * regularization ({@code every: k}) is handled by the engine.
 */
@PublicApi
package dev.ganforge.api.regularizer;

import dev.ganforge.api.PublicApi;
