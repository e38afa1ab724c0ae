package dev.ganforge.layers.spectral;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.layers.ActivationFunction;
import dev.ganforge.layers.WeightInitialization;
import dev.ganforge.layers.testing.FiniteDifferences;
import java.io.File;
import java.nio.file.Path;
import java.util.Set;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

final class SpectralDenseLayerTest {
  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "spectral-dense", SpectralDenseLayer.Provider.class);
  }

  @Test
  void configRoundTripsWithDefaults() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: spectral-dense, units: 8}",
        new SpectralDenseLayer.Config(8, ActivationFunction.IDENTITY, 0.2, WeightInitialization.XAVIER, true));
    PluginContracts.assertRoundTrip(LayerConfig.class,
        "{type: spectral-dense, units: 3, activation: leaky-relu, leakySlope: 0.1, weightInit: he, bias: false}",
        new SpectralDenseLayer.Config(3, ActivationFunction.LEAKY_RELU, 0.1, WeightInitialization.HE, false));
  }

  @Test
  void computesTheActivationOfInputTimesWeightsOverTheirSpectralNormEstimatePlusBias() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(5),
        "{type: spectral-dense, units: 4, activation: tanh}"));
    INDArray weights = network.getParam("0_W");
    INDArray u = network.getParam("0_u");
    network.getParam("0_b").assign(gaussian(3, 1, 4));
    INDArray x = gaussian(1, 6, 5);

    INDArray expected = Nd4j.math().tanh(
        x.mmul(weights).div(weights.mmul(u.reshape(4, 1)).norm2Number()).addRowVector(network.getParam("0_b")));

    assertThat(network.output(x, false).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-10);
  }

  @Test
  void backpropMatchesFiniteDifferencesAndLeavesTheVectorUntrained() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(5),
        "{type: spectral-dense, units: 4, activation: softplus}", "{type: spectral-dense, units: 3}"));
    network.getParam("0_b").assign(gaussian(3, 1, 4));

    FiniteDifferences.assertGradientsMatch(network, gaussian(1, 7, 5), gaussian(2, 7, 3), Set.of("0_u", "1_u"));
  }

  @Test
  void trainingPassesDriveTheTopSingularValueOfTheEffectiveWeightsToOne() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(12), "{type: spectral-dense, units: 9}"));
    INDArray weights = network.getParam("0_W");
    weights.muli(7); // far from 1, so normalisation has to do the work
    INDArray u = network.getParam("0_u");
    double sigma = largestSingularValue(weights);

    for (int i = 0; i < 100; i++) {
      network.output(gaussian(i, 2, 12), true);
    }

    double estimate = weights.mmul(u.reshape(9, 1)).norm2Number().doubleValue();
    assertThat(estimate / sigma).isCloseTo(1, within(0.02));
    assertThat(largestSingularValue(weights.div(estimate))).isCloseTo(1, within(0.02));
  }

  @Test
  void inferencePassesLeaveThePowerIterationVectorAlone() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3), "{type: spectral-dense, units: 2}"));
    INDArray before = network.getParam("0_u").dup();

    network.output(gaussian(1, 4, 3), false);
    assertThat(network.getParam("0_u")).isEqualTo(before);
    network.output(gaussian(1, 4, 3), true);
    assertThat(network.getParam("0_u")).isNotEqualTo(before);
  }

  @Test
  void acceptsAnyBatchSize() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3), "{type: spectral-dense, units: 2}"));

    assertThat(network.output(gaussian(1, 4, 3), true).shape()).containsExactly(4, 2);
    assertThat(network.output(gaussian(1, 9, 3), true).shape()).containsExactly(9, 2);
  }

  @Test
  void theVectorAndConfigurationSurviveSavingAndLoading(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3),
        "{type: spectral-dense, units: 2, activation: relu}", "{type: spectral-dense, units: 1}"));
    for (int i = 0; i < 3; i++) {
      network.output(gaussian(i, 4, 3), true);
    }
    File file = directory.resolve("network.zip").toFile();

    ModelSerializer.writeModel(network, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    assertThat(restored.params()).isEqualTo(network.params());
    INDArray x = gaussian(9, 5, 3);
    assertThat(restored.output(x, true)).isEqualTo(network.output(x, true));
    assertThat(restored.getParam("0_u")).isEqualTo(network.getParam("0_u"));
  }

  /** The largest singular value, from LAPACK's SVD in float64. */
  static double largestSingularValue(INDArray matrix) {
    INDArray a = matrix.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('f');
    long k = Math.min(a.rows(), a.columns());
    INDArray singularValues = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.DOUBLE, k);
    Nd4j.getBlasWrapper().lapack().gesvd(a, singularValues, null, null);
    return singularValues.maxNumber().doubleValue();
  }
}
