package dev.ganforge.layers.spectral;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.layers.ActivationFunction;
import dev.ganforge.layers.PaddingMode;
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

final class SpectralDeconvolution2DLayerTest {
  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "spectral-deconv2d", SpectralDeconvolution2DLayer.Provider.class);
  }

  @Test
  void configRoundTripsWithTheDefaultsAndChecksOfDeconv2d() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: spectral-deconv2d, filters: 64}",
        new SpectralDeconvolution2DLayer.Config(64, 3, 1, PaddingMode.SAME, ActivationFunction.IDENTITY, 0.2,
            WeightInitialization.XAVIER, true));
    assertThatThrownBy(() -> new SpectralDeconvolution2DLayer.Config(8, 0, null, null, null, null, null, null))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("kernel"));
  }

  @Test
  void computesDeconv2dWithTheKernelDividedByItsSpectralNormEstimate() {
    String options = "filters: 3, kernel: 4, stride: 2, activation: tanh";
    MultiLayerNetwork spectral =
        build(assemble(InputType.convolutional(3, 3, 2), "{type: spectral-deconv2d, " + options + "}"));
    MultiLayerNetwork plain = build(assemble(InputType.convolutional(3, 3, 2), "{type: deconv2d, " + options + "}"));
    INDArray kernel = spectral.getParam("0_W"); // [in 2, out 3, 4, 4]
    double sigma = kernel.reshape(2, 48).transpose().mmul(spectral.getParam("0_u").reshape(2, 1))
        .norm2Number().doubleValue();
    plain.getParam("0_W").assign(kernel.div(sigma));
    plain.getParam("0_b").assign(gaussian(4, 1, 3));
    spectral.getParam("0_b").assign(gaussian(4, 1, 3));
    INDArray x = gaussian(1, 2, 2, 3, 3);

    assertThat(kernel.shape()).containsExactly(2, 3, 4, 4);
    assertThat(spectral.output(x, false).sub(plain.output(x, false)).amaxNumber().doubleValue()).isLessThan(1e-10);
  }

  @Test
  void backpropMatchesFiniteDifferencesAndLeavesTheVectorUntrained() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(2, 2, 2),
        "{type: spectral-deconv2d, filters: 3, kernel: 4, stride: 2, activation: softplus}", "{type: flatten}",
        "{type: dense, units: 2}"));
    network.getParam("0_b").assign(gaussian(3, 1, 3));

    FiniteDifferences.assertGradientsMatch(network, gaussian(1, 3, 2, 2, 2), gaussian(2, 3, 2), Set.of("0_u"));
  }

  @Test
  void trainingPassesDriveTheTopSingularValueOfTheEffectiveKernelToOne() {
    MultiLayerNetwork network =
        build(assemble(InputType.convolutional(3, 3, 4), "{type: spectral-deconv2d, filters: 5, kernel: 3}"));
    INDArray kernel = network.getParam("0_W");
    kernel.muli(5);
    INDArray matrix = kernel.reshape(4, 45);
    double sigma = SpectralDenseLayerTest.largestSingularValue(matrix);

    for (int i = 0; i < 100; i++) {
      network.output(gaussian(i, 2, 4, 3, 3), true);
    }

    double estimate = matrix.transpose().mmul(network.getParam("0_u").reshape(4, 1)).norm2Number().doubleValue();
    assertThat(estimate / sigma).isCloseTo(1, within(0.02));
    assertThat(SpectralDenseLayerTest.largestSingularValue(matrix.div(estimate))).isCloseTo(1, within(0.02));
  }

  @Test
  void theVectorSurvivesSavingAndLoading(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(2, 2, 1),
        "{type: spectral-deconv2d, filters: 2, kernel: 4, stride: 2}", "{type: flatten}", "{type: dense, units: 1}"));
    network.output(gaussian(1, 3, 1, 2, 2), true);
    File file = directory.resolve("network.zip").toFile();

    ModelSerializer.writeModel(network, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    assertThat(restored.params()).isEqualTo(network.params());
    INDArray x = gaussian(9, 2, 1, 2, 2);
    assertThat(restored.output(x, true)).isEqualTo(network.output(x, true));
  }
}
