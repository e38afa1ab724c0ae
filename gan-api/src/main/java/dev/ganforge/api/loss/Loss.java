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

  /**
   * How many raw scores the discriminator outputs per sample for this loss: 1 for the adversarial score
   * alone; an auxiliary classifier adds one logit per class. The engine checks the discriminator's last
   * layer against it. Column 0 is always the adversarial score: regularizers and logged scores use it.
   */
  @Experimental
  default int scoresPerSample() {
    return 1;
  }

  /**
   * Whether this loss reads {@link Scores#realLabels()} and {@link Scores#fakeLabels()}; such a loss needs
   * labelled data and a generator that is told which class to draw (a {@code label-embedding} layer).
   */
  @Experimental
  default boolean usesLabels() {
    return false;
  }
}
