package dev.ganforge.api.loss;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.PublicApi;
import java.util.List;

/**
 * An adversarial loss: the discriminator's and the generator's objectives as functions of the
 * discriminator's raw scores (the discriminator ends in an identity layer; sigmoids and the like belong
 * to the loss).
 *
 * <p>Both methods return the loss value averaged over the batch and its exact derivatives with respect
 * to every score, so derivatives already include the {@code 1/batchSize} factor. The engine backpropagates
 * those derivatives through the networks; it never differentiates the loss itself.
 *
 * <p>Implementations must be deterministic given their inputs; randomness (for example noisy labels)
 * comes from the {@link Scores#random()} source.
 */
@PublicApi
public interface Loss {

  /**
   * The discriminator's loss on a batch of real and fake scores. {@link LossValue#realGradient()} and
   * {@link LossValue#fakeGradient()} must both be present.
   */
  LossValue discriminatorLoss(Scores scores);

  /**
   * The generator's loss. {@link LossValue#fakeGradient()} must be present; a real gradient is ignored
   * (real data does not depend on the generator). {@link Scores#real()} is present only when
   * {@link #generatorUsesRealScores()} is true.
   */
  LossValue generatorLoss(Scores scores);

  /**
   * Whether {@link #generatorLoss} reads real scores, as relativistic losses do. When false, the engine
   * skips the discriminator pass on real data during generator steps.
   */
  default boolean generatorUsesRealScores() {
    return false;
  }

  /**
   * Intermediate discriminator layers whose activations this loss reads (feature matching), named
   * {@code discriminator.layers[i]} after their position in the config's layer list (negative counts
   * from the end: {@code discriminator.layers[-2]} is the layer before the score). The engine fills
   * {@link Scores#realFeatures()} and {@link Scores#fakeFeatures()} with each layer's output, keyed by
   * the same name, and backpropagates {@link LossValue#fakeFeatureGradients()} from there in
   * generator steps.
   */
  @Experimental
  default List<String> featureLayers() {
    return List.of();
  }
}
