package dev.ganforge.losses;

import static dev.ganforge.core.testing.LossContract.assertDerivativesMatchFiniteDifferences;
import static dev.ganforge.core.testing.LossContract.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.Scores;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.core.testing.TestRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RSGAN and RaGAN (Jolicoeur-Martineau 2018): discovery, configs, values against the paper's formulas
 * written out independently (sigmoids and logs, not the variant functions), derivatives against float64
 * finite differences, including G's real-score dependence.
 */
final class RelativisticLossesTest {
  private static final TestRandom RANDOM = new TestRandom(1);
  private static final double[] REAL = {2.5, -0.7, 0.3, 8.0};
  private static final double[] FAKE = {-3.0, 0.4, -0.2, -9.0};
  // Close together, so that the hinge and least-squares variants are inside their margins.
  private static final double[] REAL_NEAR = {0.31, -0.23, 0.62, 1.37};
  private static final double[] FAKE_NEAR = {0.12, -0.51, 0.44, -1.18};

  @ParameterizedTest
  @ValueSource(strings = {"relativistic", "relativistic-average"})
  void isDiscoveredAndReadsRealScoresInTheGeneratorStep(String type) {
    assertThat(PluginContracts.assertDiscovered(PluginKind.LOSS, type, Object.class).origin())
        .isEqualTo("gan-losses");
    assertThat(create("{type: " + type + "}").generatorUsesRealScores()).isTrue();
  }

  @Test
  void configsRoundTripWithDefaults() {
    PluginContracts.assertRoundTrip(LossConfig.class, "{type: relativistic}",
        new RelativisticLoss.Config(RelativisticVariant.STANDARD));
    PluginContracts.assertRoundTrip(LossConfig.class, "{type: relativistic-average, variant: least-squares}",
        new RelativisticAverageLoss.Config(RelativisticVariant.LEAST_SQUARES));
    PluginContracts.assertRoundTrip(LossConfig.class, "{type: relativistic-average, variant: hinge}",
        new RelativisticAverageLoss.Config(RelativisticVariant.HINGE));
  }

  @ParameterizedTest
  @EnumSource(RelativisticVariant.class)
  void derivativesMatchFiniteDifferences(RelativisticVariant variant) {
    for (double[][] at : new double[][][] {{REAL, FAKE}, {REAL_NEAR, FAKE_NEAR}}) {
      assertDerivativesMatchFiniteDifferences(new RelativisticLoss(new RelativisticLoss.Config(variant)), at[0], at[1]);
      assertDerivativesMatchFiniteDifferences(
          new RelativisticAverageLoss(new RelativisticAverageLoss.Config(variant)), at[0], at[1]);
    }
  }

  @Test
  void rsganMatchesEquationsThreeAndFour() {
    Loss loss = new RelativisticLoss(new RelativisticLoss.Config(RelativisticVariant.STANDARD));
    double d = 0;
    double g = 0;
    for (int i = 0; i < REAL.length; i++) {
      d -= Math.log(sigmoid(REAL[i] - FAKE[i])) / REAL.length;
      g -= Math.log(sigmoid(FAKE[i] - REAL[i])) / REAL.length;
    }
    assertThat(loss.discriminatorLoss(scores(REAL, FAKE)).value()).isCloseTo(d, within(1e-9));
    assertThat(loss.generatorLoss(scores(REAL, FAKE)).value()).isCloseTo(g, within(1e-9));
  }

  @Test
  void raganMatchesEquationsSevenAndEightAndTheirVariants() {
    double meanReal = Arrays.stream(REAL_NEAR).average().orElseThrow();
    double meanFake = Arrays.stream(FAKE_NEAR).average().orElseThrow();
    double sD = 0;
    double sG = 0;
    double lsD = 0;
    double lsG = 0;
    double hD = 0;
    double hG = 0;
    int n = REAL_NEAR.length;
    for (int i = 0; i < n; i++) {
      double rTilde = REAL_NEAR[i] - meanFake;
      double fTilde = FAKE_NEAR[i] - meanReal;
      sD += (-Math.log(sigmoid(rTilde)) - Math.log(1 - sigmoid(fTilde))) / n;
      sG += (-Math.log(sigmoid(fTilde)) - Math.log(1 - sigmoid(rTilde))) / n;
      // RaLSGAN, section 4.3: E[(r~ - 1)^2] + E[(f~ + 1)^2]; G swaps the roles.
      lsD += (Math.pow(rTilde - 1, 2) + Math.pow(fTilde + 1, 2)) / n;
      lsG += (Math.pow(fTilde - 1, 2) + Math.pow(rTilde + 1, 2)) / n;
      hD += (Math.max(0, 1 - rTilde) + Math.max(0, 1 + fTilde)) / n;
      hG += (Math.max(0, 1 - fTilde) + Math.max(0, 1 + rTilde)) / n;
    }
    double[][] expected = {{sD, sG}, {lsD, lsG}, {hD, hG}};
    RelativisticVariant[] variants = RelativisticVariant.values();
    for (int v = 0; v < variants.length; v++) {
      Loss loss = new RelativisticAverageLoss(new RelativisticAverageLoss.Config(variants[v]));
      assertThat(loss.discriminatorLoss(scores(REAL_NEAR, FAKE_NEAR)).value()).as(variants[v] + " D")
          .isCloseTo(expected[v][0], within(1e-9));
      assertThat(loss.generatorLoss(scores(REAL_NEAR, FAKE_NEAR)).value()).as(variants[v] + " G")
          .isCloseTo(expected[v][1], within(1e-9));
    }
  }

  @Test
  void standardVariantIsStableForLargeDifferences() {
    Loss loss = new RelativisticAverageLoss(new RelativisticAverageLoss.Config(RelativisticVariant.STANDARD));
    // r - mean(f) = -1000: softplus(1000) = 1000, not infinity.
    assertThat(loss.discriminatorLoss(scores(new double[] {-500}, new double[] {500})).value())
        .isCloseTo(2000, within(1e-9));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static Scores scores(double[] real, double[] fake) {
    return Scores.of(column(real), column(fake), 0, RANDOM);
  }

  private static Loss create(String yaml) {
    LossConfig config = PluginContracts.mapper().read(yaml, false, "t.yaml", LossConfig.class);
    return config instanceof RelativisticLoss.Config c ? new RelativisticLoss(c)
        : new RelativisticAverageLoss((RelativisticAverageLoss.Config) config);
  }
}
