package dev.ganforge.api.loss;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.PublicApi;
import dev.ganforge.api.RandomSource;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The discriminator's outputs on one batch, as a loss sees them.
 *
 * @param real scores of real samples, {@code [batch, k]}; empty in generator steps of losses that do not
 *     use real scores
 * @param fake scores of generated samples, {@code [batch, k]}
 * @param realLabels class labels of the real samples (one-hot, {@code [batch, classes]}) for conditional
 *     models, else empty
 * @param fakeLabels the labels the fakes were generated for, else empty
 * @param realFeatures activations of {@link Loss#featureLayers()} on real samples, by layer name
 * @param fakeFeatures activations of {@link Loss#featureLayers()} on fake samples, by layer name
 * @param step the training step (0-based), for losses whose options change over time
 * @param random the run's random source, for stochastic label tricks
 */
@PublicApi
public record Scores(
    Optional<INDArray> real,
    INDArray fake,
    Optional<INDArray> realLabels,
    Optional<INDArray> fakeLabels,
    @Experimental Map<String, INDArray> realFeatures,
    @Experimental Map<String, INDArray> fakeFeatures,
    long step,
    RandomSource random) {

  /** Requires every component (absent ones as empty optionals); copies the feature maps. */
  public Scores {
    requireNonNull(real, "real");
    requireNonNull(fake, "fake");
    requireNonNull(realLabels, "realLabels");
    requireNonNull(fakeLabels, "fakeLabels");
    realFeatures = Map.copyOf(realFeatures);
    fakeFeatures = Map.copyOf(fakeFeatures);
    requireNonNull(random, "random");
  }

  /** Scores of an unconditional model for a discriminator step, or a generator step of a relativistic loss. */
  public static Scores of(INDArray real, INDArray fake, long step, RandomSource random) {
    return new Scores(
        Optional.of(real), fake, Optional.empty(), Optional.empty(), Map.of(), Map.of(), step, random);
  }

  /** Scores of an unconditional model for a generator step that looks at fakes only. */
  public static Scores fakeOnly(INDArray fake, long step, RandomSource random) {
    return new Scores(
        Optional.empty(), fake, Optional.empty(), Optional.empty(), Map.of(), Map.of(), step, random);
  }

  /** The real scores, failing with a message naming the loss contract when they were not provided. */
  public INDArray requireReal() {
    return real.orElseThrow(
        () ->
            new IllegalStateException(
                "real scores are not available in this step; a loss whose generator objective reads "
                    + "them must return true from Loss.generatorUsesRealScores()"));
  }
}
