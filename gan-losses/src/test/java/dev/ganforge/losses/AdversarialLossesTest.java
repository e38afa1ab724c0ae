package dev.ganforge.losses;

import static dev.ganforge.core.testing.LossContract.assertDerivativesMatchFiniteDifferences;
import static dev.ganforge.core.testing.LossContract.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import dev.ganforge.core.config.ConfigException;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.core.testing.TestRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The five core losses: discovery, config round trip, values against closed forms, derivatives against
 * float64 finite differences (see {@link dev.ganforge.core.testing.LossContract} for the tolerance).
 */
final class AdversarialLossesTest {
  private static final double LOG2 = Math.log(2);
  private static final TestRandom RANDOM = new TestRandom(1);

  // Away from the hinge kinks at r = 1 and f = -1; both signs and large magnitudes for the logistic ones.
  private static final double[] REAL = {2.5, -0.7, 0.3, 8.0};
  private static final double[] FAKE = {-3.0, 0.4, -0.2, -9.0};

  @ParameterizedTest
  @ValueSource(strings = {"minimax", "non-saturating", "lsgan", "wasserstein", "hinge"})
  void isDiscoveredByServiceLoader(String type) {
    assertThat(PluginContracts.assertDiscovered(PluginKind.LOSS, type, Object.class).origin())
        .isEqualTo("gan-losses");
  }

  @Test
  void configsRoundTripWithDefaults() {
    PluginContracts.assertRoundTrip(LossConfig.class, "{type: non-saturating}", new NonSaturatingLoss.Config(1.0, 0.0));
    PluginContracts.assertRoundTrip(
        LossConfig.class, "{type: non-saturating, realLabel: 0.9}", new NonSaturatingLoss.Config(0.9, 0.0));
    PluginContracts.assertRoundTrip(LossConfig.class, "{type: minimax}", new MinimaxLoss.Config(1.0, 0.0));
    PluginContracts.assertRoundTrip(
        LossConfig.class, "{type: lsgan, realLabel: 0.9}", new LeastSquaresLoss.Config(0.9, 0.0, 1.0, 0.0));
    PluginContracts.assertRoundTrip(LossConfig.class, "{type: wasserstein}", new WassersteinLoss.Config());
    PluginContracts.assertRoundTrip(LossConfig.class, "{type: hinge}", new HingeLoss.Config());
  }

  @Test
  void realLabelMustBeAProbability() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PluginContracts.mapper()
            .read("{type: non-saturating, realLabel: 1.5}", false, "t.yaml", LossConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("realLabel: must be between 0 and 1, got 1.5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"minimax", "non-saturating", "lsgan", "wasserstein", "hinge"})
  void derivativesMatchFiniteDifferences(String type) {
    assertDerivativesMatchFiniteDifferences(create(type), REAL, FAKE);
  }

  @Test
  void labelSmoothingKeepsDerivativesExact() {
    assertDerivativesMatchFiniteDifferences(new NonSaturatingLoss(new NonSaturatingLoss.Config(0.9, 0.0)), REAL, FAKE);
    assertDerivativesMatchFiniteDifferences(new LeastSquaresLoss(new LeastSquaresLoss.Config(0.9, 0.1, 1.0, 0.0)), REAL, FAKE);
  }

  @Test
  void crossEntropyLossesEqualTwoLogTwoForAnUndecidedDiscriminator() {
    // D(x) = sigmoid(0) = 1/2 everywhere: -log(1/2) - log(1 - 1/2) = 2 log 2.
    for (Loss loss : new Loss[] {create("minimax"), create("non-saturating")}) {
      assertThat(discriminator(loss, new double[] {0, 0}, new double[] {0, 0}).value())
          .isCloseTo(2 * LOG2, within(1e-12));
    }
    assertThat(generator(create("non-saturating"), 0, 0).value()).isCloseTo(LOG2, within(1e-12));
    assertThat(generator(create("minimax"), 0, 0).value()).isCloseTo(-LOG2, within(1e-12));
  }

  @Test
  void crossEntropyIsStableForLargeScores() {
    // softplus(800) must be 800, not infinity; softplus(-800) must be ~0, not log(0).
    LossValue value = discriminator(create("non-saturating"), new double[] {-800}, new double[] {800});

    assertThat(value.value()).isCloseTo(1600, within(1e-9));
    assertThat(value.realGradient().orElseThrow().getDouble(0)).isCloseTo(-1.0, within(1e-12));
    assertThat(value.fakeGradient().getDouble(0)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void nonSaturatingGeneratorKeepsItsGradientWhereMinimaxSaturates() {
    // A confidently rejected fake (score -10): minimax's gradient is ~sigmoid(-10) = 4.5e-5, the
    // non-saturating one is ~1 (Goodfellow et al. 2014, section 3).
    double minimax = generator(create("minimax"), -10).fakeGradient().getDouble(0);
    double nonSaturating = generator(create("non-saturating"), -10).fakeGradient().getDouble(0);

    assertThat(Math.abs(minimax)).isLessThan(1e-4);
    assertThat(nonSaturating).isCloseTo(-1.0, within(1e-4));
  }

  @Test
  void oneSidedLabelSmoothingMovesOnlyTheRealTarget() {
    // With realLabel 0.9 the real-score derivative at s is (sigmoid(s) - 0.9)/n; fakes keep target 0.
    LossValue value = discriminator(new NonSaturatingLoss(new NonSaturatingLoss.Config(0.9, 0.0)),
        new double[] {0}, new double[] {0});

    assertThat(value.realGradient().orElseThrow().getDouble(0)).isCloseTo(0.5 - 0.9, within(1e-12));
    assertThat(value.fakeGradient().getDouble(0)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void leastSquaresMatchesMaoEtAlEquationTwo() {
    // 1/2 mean((r - 1)^2) + 1/2 mean(f^2) with r = {1, 3}, f = {0, -2}: 1/2 * 2 + 1/2 * 2 = 2.
    assertThat(discriminator(create("lsgan"), new double[] {1, 3}, new double[] {0, -2}).value())
        .isCloseTo(2.0, within(1e-12));
    // G: 1/2 mean((f - 1)^2) with f = {0, 3}: 1/2 * (1 + 4) / 2 = 1.25.
    assertThat(generator(create("lsgan"), 0, 3).value()).isCloseTo(1.25, within(1e-12));
  }

  @Test
  void wassersteinIsTheDifferenceOfMeanScores() {
    assertThat(discriminator(create("wasserstein"), new double[] {3, 5}, new double[] {-1, 1}).value())
        .isCloseTo(0 - 4, within(1e-12));
    assertThat(generator(create("wasserstein"), -1, 1).value()).isCloseTo(0, within(1e-12));
  }

  @Test
  void hingeIgnoresScoresBeyondTheMargin() {
    // Real 2 and fake -3 are beyond the margins: no loss, no gradient. Real 0 and fake 0 cost 1 each.
    LossValue value = discriminator(create("hinge"), new double[] {2, 0}, new double[] {-3, 0});

    assertThat(value.value()).isCloseTo(0.5 + 0.5, within(1e-12));
    assertThat(value.realGradient().orElseThrow().toDoubleVector())
        .containsExactly(new double[] {0.0, -0.5}, within(1e-15));
    assertThat(value.fakeGradient().toDoubleVector()).containsExactly(new double[] {0.0, 0.5}, within(1e-15));
  }

  @Test
  void flipProbabilityOneSwapsEveryTarget() {
    // All targets swapped: real target 0, fake target 1, so D's loss is mean softplus(r) + mean softplus(-f).
    Loss flipped = new NonSaturatingLoss(new NonSaturatingLoss.Config(1.0, 1.0));
    LossValue value = discriminator(flipped, new double[] {2.0, -1.0}, new double[] {0.5, 3.0});
    double expected = (softplus(2.0) + softplus(-1.0)) / 2 + (softplus(-0.5) + softplus(-3.0)) / 2;
    assertThat(value.value()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void flipProbabilitySwapsThatFractionOfTargets() {
    // At score 0 a real target 1 gives derivative -0.5/n and a flipped one (target 0) +0.5/n.
    int n = 40_000;
    Loss noisy = new MinimaxLoss(new MinimaxLoss.Config(1.0, 0.25));
    LossValue value = noisy.discriminatorLoss(
        Scores.of(column(new double[n]), column(new double[n]), 0, new TestRandom(3)));
    long flippedReal = java.util.Arrays.stream(value.realGradient().orElseThrow().toDoubleVector())
        .filter(g -> g > 0).count();
    long flippedFake = java.util.Arrays.stream(value.fakeGradient().toDoubleVector()).filter(g -> g < 0).count();
    // Binomial(40000, 0.25): standard deviation 87, so +-400 is more than 4.5 sigma.
    assertThat(flippedReal).isBetween(9_600L, 10_400L);
    assertThat(flippedFake).isBetween(9_600L, 10_400L);
  }

  @Test
  void flippedTargetsKeepDerivativesExact() {
    // The contract replays the same draws for every evaluation, so the flips stay fixed.
    for (Loss loss : new Loss[] {
        new NonSaturatingLoss(new NonSaturatingLoss.Config(0.9, 0.4)),
        new LeastSquaresLoss(new LeastSquaresLoss.Config(1.0, 0.0, 1.0, 0.4))}) {
      Loss replaying = new Loss() {
        @Override
        public LossValue discriminatorLoss(Scores scores) {
          return loss.discriminatorLoss(new Scores(scores.real(), scores.fake(), scores.realLabels(),
              scores.fakeLabels(), scores.realFeatures(), scores.fakeFeatures(), 0, new TestRandom(21)));
        }

        @Override
        public LossValue generatorLoss(Scores scores) {
          return loss.generatorLoss(scores);
        }
      };
      assertDerivativesMatchFiniteDifferences(replaying, REAL, FAKE);
    }
  }

  @Test
  void flipProbabilityMustBeAProbability() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PluginContracts.mapper()
            .read("{type: lsgan, flipProbability: -0.1}", false, "t.yaml", LossConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("flipProbability: must be between 0 and 1, got -0.1");
  }

  private static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  @Test
  void worksInFloat32AsTrainingUsesIt() {
    Scores scores = Scores.of(column(REAL).castTo(DataType.FLOAT), column(FAKE).castTo(DataType.FLOAT), 0, RANDOM);
    for (String type : new String[] {"minimax", "non-saturating", "lsgan", "wasserstein", "hinge"}) {
      LossValue value = create(type).discriminatorLoss(scores);
      assertThat(value.fakeGradient().dataType()).as(type).isEqualTo(DataType.FLOAT);
      assertThat(value.value()).as(type).isCloseTo(
          create(type).discriminatorLoss(Scores.of(column(REAL), column(FAKE), 0, RANDOM)).value(), within(1e-5));
    }
  }

  private static LossValue discriminator(Loss loss, double[] real, double[] fake) {
    return loss.discriminatorLoss(Scores.of(column(real), column(fake), 0, RANDOM));
  }

  private static LossValue generator(Loss loss, double... fake) {
    return loss.generatorLoss(Scores.fakeOnly(column(fake), 0, RANDOM));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Loss create(String type) {
    var descriptor = PluginContracts.classpathRegistry().find(PluginKind.LOSS, type).orElseThrow();
    LossConfig config = PluginContracts.mapper().read("{type: " + type + "}", false, "t.yaml", LossConfig.class);
    return (Loss) ((dev.ganforge.api.PluginProvider) descriptor.provider())
        .create(config, PluginContracts.context(DataType.DOUBLE));
  }
}
