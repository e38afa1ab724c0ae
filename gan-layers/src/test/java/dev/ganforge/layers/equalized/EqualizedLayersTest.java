package dev.ganforge.layers.equalized;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.engine.NetworkAssembler;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.layers.ActivationFunction;
import dev.ganforge.layers.PaddingMode;
import dev.ganforge.layers.testing.FiniteDifferences;
import dev.ganforge.layers.testing.TestNetworks;
import java.io.File;
import java.nio.file.Path;
import java.util.Set;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

final class EqualizedLayersTest {
  private static final double SQRT2 = Math.sqrt(2);

  @Test
  void areDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "equalized-dense", EqualizedDenseLayer.Provider.class);
    PluginContracts.assertDiscovered(PluginKind.LAYER, "equalized-conv2d", EqualizedConvolution2DLayer.Provider.class);
  }

  @Test
  void configsRoundTripWithDefaults() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: equalized-dense, units: 8}",
        new EqualizedDenseLayer.Config(8, ActivationFunction.IDENTITY, 0.2, true, 1.0, SQRT2));
    PluginContracts.assertRoundTrip(LayerConfig.class,
        "{type: equalized-dense, units: 8, activation: leaky-relu, leakySlope: 0.1, bias: false, "
            + "lrMultiplier: 0.01, gain: 1.0}",
        new EqualizedDenseLayer.Config(8, ActivationFunction.LEAKY_RELU, 0.1, false, 0.01, 1.0));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: equalized-conv2d, filters: 4}",
        new EqualizedConvolution2DLayer.Config(4, 3, 1, PaddingMode.SAME, ActivationFunction.IDENTITY, 0.2, true,
            1.0, SQRT2));
    assertThatThrownBy(() -> new EqualizedDenseLayer.Config(8, null, null, null, 0.0, null))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("lrMultiplier"));
    assertThatThrownBy(() -> new EqualizedConvolution2DLayer.Config(4, null, null, null, null, null, null, null, -1.0))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("gain"));
  }

  @Test
  void storedWeightsAreGaussianWithStandardDeviationOneOverLrMultiplier() {
    for (double lrMultiplier : new double[] {1, 0.01}) {
      MultiLayerNetwork network = build(assemble(InputType.feedForward(200),
          "{type: equalized-dense, units: 200, lrMultiplier: " + lrMultiplier + "}"));
      INDArray weights = network.getParam("0_W");
      // 40,000 draws: the sample standard deviation is within 1% of the truth with overwhelming probability.
      assertThat(weights.stdNumber().doubleValue() * lrMultiplier).isCloseTo(1, within(0.01));
      assertThat(weights.meanNumber().doubleValue() * lrMultiplier).isCloseTo(0, within(0.02));
    }
  }

  @Test
  void denseComputesWithWeightsScaledByLrMultiplierTimesGainOverRootFanIn() {
    MultiLayerNetwork equalized = build(assemble(InputType.feedForward(5),
        "{type: equalized-dense, units: 3, activation: tanh, lrMultiplier: 0.5, gain: 2}"));
    MultiLayerNetwork plain = build(assemble(InputType.feedForward(5), "{type: dense, units: 3, activation: tanh}"));
    equalized.getParam("0_b").assign(gaussian(3, 1, 3));
    plain.getParam("0_W").assign(equalized.getParam("0_W").mul(0.5 * 2 / Math.sqrt(5)));
    plain.getParam("0_b").assign(equalized.getParam("0_b").mul(0.5));
    INDArray x = gaussian(1, 4, 5);

    assertThat(equalized.output(x, false).sub(plain.output(x, false)).amaxNumber().doubleValue()).isLessThan(1e-12);
  }

  @Test
  void convolutionUsesFanInOfChannelsTimesKernelArea() {
    MultiLayerNetwork equalized = build(assemble(InputType.convolutional(5, 5, 2),
        "{type: equalized-conv2d, filters: 3, kernel: 3, stride: 2, lrMultiplier: 0.5}"));
    MultiLayerNetwork plain = build(assemble(InputType.convolutional(5, 5, 2),
        "{type: conv2d, filters: 3, kernel: 3, stride: 2}"));
    equalized.getParam("0_b").assign(gaussian(3, 1, 3));
    plain.getParam("0_W").assign(equalized.getParam("0_W").mul(0.5 * SQRT2 / Math.sqrt(2 * 3 * 3)));
    plain.getParam("0_b").assign(equalized.getParam("0_b").mul(0.5));
    INDArray x = gaussian(1, 2, 2, 5, 5);

    assertThat(equalized.output(x, false).sub(plain.output(x, false)).amaxNumber().doubleValue()).isLessThan(1e-12);
  }

  @Test
  void backpropMatchesFiniteDifferences() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(5, 5, 2),
        "{type: equalized-conv2d, filters: 3, stride: 2, activation: softplus, lrMultiplier: 0.3}",
        "{type: flatten}", "{type: equalized-dense, units: 2, lrMultiplier: 0.01}"));
    network.getParam("0_b").assign(gaussian(3, 1, 3));
    network.getParam("1_b").assign(gaussian(4, 1, 2));

    FiniteDifferences.assertGradientsMatch(network, gaussian(1, 3, 2, 5, 5), gaussian(2, 3, 2), Set.of());
  }

  @Test
  void anAdamStepMovesTheEffectiveWeightsInProportionToLrMultiplier() {
    double full = effectiveWeightChange(1);
    double slow = effectiveWeightChange(0.01);

    // Adam's first step is lr * g / (|g| + eps) per stored weight, whatever the gradient's scale, so the
    // effective weights (stored times lrMultiplier * gain / sqrt(fan_in)) move lrMultiplier times as far.
    assertThat(slow / full).isCloseTo(0.01, within(1e-4));
  }

  private static double effectiveWeightChange(double lrMultiplier) {
    NetworkAssembler assembly =
        new NetworkAssembler(NetworkRole.GENERATOR, DataType.DOUBLE, InputType.feedForward(4), 7, new Adam(1e-3));
    TestNetworks.append(assembly, "{type: equalized-dense, units: 3, lrMultiplier: " + lrMultiplier + "}");
    MultiLayerNetwork network = build(assembly);
    double scale = lrMultiplier * SQRT2 / 2;
    INDArray before = network.getParam("0_W").mul(scale);
    network.setInput(gaussian(1, 6, 4));
    network.feedForward(true, false);
    Gradient gradient = network.backpropGradient(gaussian(2, 6, 3), LayerWorkspaceMgr.noWorkspaces()).getFirst();
    network.getUpdater().update(network, gradient, 0, 0, 6, LayerWorkspaceMgr.noWorkspaces());
    network.params().subi(gradient.gradient());
    INDArray after = network.getParam("0_W").mul(scale);
    return Transforms.abs(after.sub(before)).meanNumber().doubleValue();
  }

  @Test
  void scalesSurviveSavingAndLoading(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(4, 4, 1),
        "{type: equalized-conv2d, filters: 2, stride: 2, lrMultiplier: 0.1, gain: 3}", "{type: flatten}",
        "{type: equalized-dense, units: 1, lrMultiplier: 0.01}"));
    File file = directory.resolve("network.zip").toFile();

    ModelSerializer.writeModel(network, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    INDArray x = gaussian(9, 2, 1, 4, 4);
    assertThat(restored.output(x, false)).isEqualTo(network.output(x, false));
  }
}
