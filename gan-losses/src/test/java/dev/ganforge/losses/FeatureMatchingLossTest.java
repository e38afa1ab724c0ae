package dev.ganforge.losses;

import static dev.ganforge.core.testing.LossContract.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.core.testing.TestRandom;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feature matching: discovery, config, the value in closed form and the feature gradient against float64
 * central differences (step 1e-6 on a quadratic: exact up to rounding, so 1e-8 absolute).
 */
final class FeatureMatchingLossTest {
  private static final String LAYER = "discriminator.layers[-2]";

  @Test
  void isDiscoveredAndAsksForTheLayerBeforeTheScoreByDefault() {
    assertThat(PluginContracts.assertDiscovered(PluginKind.LOSS, "feature-matching", Object.class).origin())
        .isEqualTo("gan-losses");
    FeatureMatchingLoss.Config config = new FeatureMatchingLoss.Config(-2, 1.0, 0.0, 1.0);
    PluginContracts.assertRoundTrip(LossConfig.class, "{type: feature-matching}", config);
    assertThat(new FeatureMatchingLoss(config).featureLayers()).containsExactly(LAYER);
    assertThat(new FeatureMatchingLoss(new FeatureMatchingLoss.Config(1, null, null, null)).featureLayers())
        .containsExactly("discriminator.layers[1]");
  }

  @Test
  void valueIsTheSquaredDistanceOfMeanFeatures() {
    // Real features (1, 2), (3, 2): mean (2, 2). Fake (0, 0), (0, 1): mean (0, 0.5). |(2, 1.5)|^2 = 6.25.
    INDArray real = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 2}});
    INDArray fake = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 1}});
    LossValue value = generator(new FeatureMatchingLoss(new FeatureMatchingLoss.Config(null, 2.0, null, null)), real, fake);

    assertThat(value.value()).isCloseTo(12.5, within(1e-12));
    // 2 * weight * (mean_fake - mean_real) / n = 2 * 2 * (-2, -1.5) / 2 = (-4, -3) for every fake sample
    assertThat(value.fakeFeatureGradients().get(LAYER).ravel().toDoubleVector())
        .containsExactly(new double[] {-4, -3, -4, -3}, within(1e-12));
    assertThat(value.fakeGradient().sumNumber().doubleValue()).as("no adversarial term").isZero();
  }

  @Test
  void featureGradientMatchesFiniteDifferencesForConvolutionalFeatures() {
    INDArray real = Nd4j.rand(DataType.DOUBLE, 3, 2, 2, 2);
    INDArray fake = Nd4j.rand(DataType.DOUBLE, 4, 2, 2, 2);
    FeatureMatchingLoss loss = new FeatureMatchingLoss(new FeatureMatchingLoss.Config(null, 0.7, 0.5, null));
    LossValue value = generator(loss, real, fake);
    INDArray analytic = value.fakeFeatureGradients().get(LAYER);
    assertThat(analytic.shape()).isEqualTo(fake.shape());
    double h = 1e-6;
    for (long i = 0; i < fake.length(); i++) {
      INDArray plus = fake.dup();
      plus.putScalar(i, fake.getDouble(i) + h);
      INDArray minus = fake.dup();
      minus.putScalar(i, fake.getDouble(i) - h);
      double numeric = (generator(loss, real, plus).value() - generator(loss, real, minus).value()) / (2 * h);
      assertThat(analytic.getDouble(i)).as("element " + i).isCloseTo(numeric, within(1e-8));
    }
    // The adversarial term: 0.5 * non-saturating, derivative 0.5 (sigmoid(f) - 1) / n.
    assertThat(value.fakeGradient().getDouble(0)).isCloseTo(0.5 * (0.5 - 1) / 4, within(1e-12));
  }

  private static LossValue generator(FeatureMatchingLoss loss, INDArray realFeatures, INDArray fakeFeatures) {
    long n = fakeFeatures.size(0);
    return loss.generatorLoss(new Scores(Optional.empty(), column(new double[(int) n]), Optional.empty(),
        Optional.empty(), Map.of(LAYER, realFeatures), Map.of(LAYER, fakeFeatures), 0, new TestRandom(1)));
  }
}
