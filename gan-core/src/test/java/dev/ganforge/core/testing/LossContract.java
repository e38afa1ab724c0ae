package dev.ganforge.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The numeric contract of every {@link Loss}: the derivatives it returns match central finite
 * differences of the value it returns, in float64.
 *
 * <p>Tolerance: with step h = 1e-6 the central difference of a smooth function has truncation error
 * O(h^2 f''') ~ 1e-12 and rounding error ~ eps |f| / h ~ 1e-10 for |f| ~ 1, so 1e-7 absolute leaves a
 * wide margin while still catching any wrong factor. Piecewise-linear losses are probed away from their
 * kinks, where the difference is exact up to rounding.
 */
public final class LossContract {
  private static final double STEP = 1e-6;
  private static final double TOLERANCE = 1e-7;

  private LossContract() {}

  /** Checks both of D's derivatives and G's fake derivative at the given scores (float64, [n, 1]). */
  public static void assertDerivativesMatchFiniteDifferences(Loss loss, double[] real, double[] fake) {
    INDArray realScores = column(real);
    INDArray fakeScores = column(fake);
    TestRandom random = new TestRandom(7);

    LossValue discriminator = loss.discriminatorLoss(Scores.of(realScores, fakeScores, 0, random));
    assertThat(discriminator.realGradient()).as("D loss must return a real gradient").isPresent();
    assertGradient(discriminator.realGradient().get(), realScores,
        r -> loss.discriminatorLoss(Scores.of(r, fakeScores, 0, random)).value(), "D loss, real scores");
    assertGradient(discriminator.fakeGradient(), fakeScores,
        f -> loss.discriminatorLoss(Scores.of(realScores, f, 0, random)).value(), "D loss, fake scores");

    // Feature-reading losses get fixed [n, 3] features per layer they name.
    Map<String, INDArray> realFeatures = new LinkedHashMap<>();
    Map<String, INDArray> fakeFeatures = new LinkedHashMap<>();
    for (String layer : loss.featureLayers()) {
      realFeatures.put(layer, new TestRandom(realFeatures.size() + 11).normal(DataType.DOUBLE, real.length, 3));
      fakeFeatures.put(layer, new TestRandom(fakeFeatures.size() + 31).normal(DataType.DOUBLE, fake.length, 3));
    }
    Optional<INDArray> realForG = loss.generatorUsesRealScores() ? Optional.of(realScores) : Optional.empty();
    BiFunction<INDArray, Map<String, INDArray>, LossValue> generatorAt = (f, features) -> loss.generatorLoss(
        new Scores(realForG, f, Optional.empty(), Optional.empty(), realFeatures, features, 0, random));
    LossValue generator = generatorAt.apply(fakeScores, fakeFeatures);
    assertGradient(generator.fakeGradient(), fakeScores, f -> generatorAt.apply(f, fakeFeatures).value(),
        "G loss, fake scores");
    for (String layer : loss.featureLayers()) {
      assertThat(generator.fakeFeatureGradients()).as("G loss must return a gradient for " + layer).containsKey(layer);
      assertGradient(generator.fakeFeatureGradients().get(layer), fakeFeatures.get(layer), features -> {
        Map<String, INDArray> changed = new LinkedHashMap<>(fakeFeatures);
        changed.put(layer, features);
        return generatorAt.apply(fakeScores, changed).value();
      }, "G loss, fake features of " + layer);
    }
  }

  /**
   * For losses that read labels and several scores per sample: checks both of D's derivatives and G's
   * fake derivative at the given {@code [n, k]} scores, with fixed one-hot labels.
   */
  public static void assertDerivativesMatchFiniteDifferences(Loss loss, INDArray realScores, INDArray fakeScores,
      INDArray realLabels, INDArray fakeLabels) {
    TestRandom random = new TestRandom(7);
    BiFunction<INDArray, INDArray, Scores> scores = (r, f) -> new Scores(Optional.of(r), f,
        Optional.of(realLabels), Optional.of(fakeLabels), Map.of(), Map.of(), 0, random);
    LossValue discriminator = loss.discriminatorLoss(scores.apply(realScores, fakeScores));
    assertThat(discriminator.realGradient()).as("D loss must return a real gradient").isPresent();
    assertGradient(discriminator.realGradient().get(), realScores,
        r -> loss.discriminatorLoss(scores.apply(r, fakeScores)).value(), "D loss, real scores");
    assertGradient(discriminator.fakeGradient(), fakeScores,
        f -> loss.discriminatorLoss(scores.apply(realScores, f)).value(), "D loss, fake scores");
    assertGradient(loss.generatorLoss(scores.apply(realScores, fakeScores)).fakeGradient(), fakeScores,
        f -> loss.generatorLoss(scores.apply(realScores, f)).value(), "G loss, fake scores");
  }

  private static void assertGradient(
      INDArray analytic, INDArray at, ToDoubleFunction<INDArray> value, String what) {
    assertThat(analytic.shape()).as(what + ": gradient shape").isEqualTo(at.shape());
    for (int i = 0; i < at.length(); i++) {
      INDArray plus = at.dup();
      plus.putScalar(i, at.getDouble(i) + STEP);
      INDArray minus = at.dup();
      minus.putScalar(i, at.getDouble(i) - STEP);
      double numeric = (value.applyAsDouble(plus) - value.applyAsDouble(minus)) / (2 * STEP);
      assertThat(analytic.getDouble(i)).as(what + ", element " + i).isCloseTo(numeric, within(TOLERANCE));
    }
  }

  /** A float64 column of scores, shape [n, 1], as D's identity output layer gives them. */
  public static INDArray column(double... values) {
    return Nd4j.createFromArray(values).reshape(values.length, 1).castTo(DataType.DOUBLE);
  }
}
