/**
 * Loss plugins: adversarial objectives on the discriminator's raw scores.
 *
 * <p>A {@link dev.ganforge.api.loss.Loss} returns values and exact derivatives with respect to the real
 * and fake scores it is given in {@link dev.ganforge.api.loss.Scores}; relativistic losses read both in
 * the generator step too. Label tricks (one-sided smoothing, flipped labels) are options of the loss.
 */
@PublicApi
package dev.ganforge.api.loss;

import dev.ganforge.api.PublicApi;
