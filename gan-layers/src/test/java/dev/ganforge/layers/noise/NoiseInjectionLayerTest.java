package dev.ganforge.layers.noise;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
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

final class NoiseInjectionLayerTest {
  @Test
  void isDiscoveredAndItsConfigRoundTrips() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "noise-injection", NoiseInjectionLayer.Provider.class);
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: noise-injection}", new NoiseInjectionLayer.Config());
  }

  @Test
  void startsAsTheIdentity() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2), "{type: noise-injection}"));
    INDArray x = gaussian(1, 2, 2, 3, 3);

    assertThat(network.getParam("0_s").amaxNumber().doubleValue()).isZero();
    assertThat(network.output(x, true)).isEqualTo(x);
  }

  @Test
  void addsOneStandardNormalValuePerPixelScaledByEachChannelsStrength() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(20, 20, 3), "{type: noise-injection}"));
    network.getParam("0_s").assign(Nd4j.createFromArray(new double[][] {{0.5, -2, 3}}));
    INDArray x = gaussian(1, 50, 3, 20, 20);

    INDArray added = network.output(x, true).sub(x);

    INDArray noise = added.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.point(0)).div(0.5);
    for (int c = 1; c < 3; c++) {
      double strength = c == 1 ? -2 : 3;
      INDArray channel = added.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
          org.nd4j.linalg.indexing.NDArrayIndex.point(c)).div(strength);
      assertThat(channel.sub(noise).amaxNumber().doubleValue()).as("channel " + c).isLessThan(1e-9);
    }
    // 20,000 draws: mean within 0.03 and standard deviation within 2% of N(0, 1) (over 4 standard errors).
    assertThat(noise.meanNumber().doubleValue()).isCloseTo(0, within(0.03));
    assertThat(noise.stdNumber().doubleValue()).isCloseTo(1, within(0.02));
  }

  @Test
  void backpropMatchesFiniteDifferencesWithTheNoiseHeldFixed() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: conv2d, filters: 2, activation: tanh}", "{type: noise-injection}", "{type: flatten}",
        "{type: dense, units: 4}", "{type: noise-injection}", "{type: dense, units: 2, activation: softplus}"));
    network.getParam("1_s").assign(Nd4j.createFromArray(new double[][] {{0.7, -0.4}}));
    network.getParam("3_s").assign(gaussian(5, 1, 4));

    FiniteDifferences.assertGradientsMatch(network, gaussian(1, 3, 2, 3, 3), gaussian(2, 3, 2), Set.of(),
        () -> Nd4j.getRandom().setSeed(42));
  }

  @Test
  void theStrengthsSurviveSavingAndLoading(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3),
        "{type: noise-injection}", "{type: dense, units: 1}"));
    network.getParam("0_s").assign(gaussian(3, 1, 3));
    File file = directory.resolve("network.zip").toFile();

    ModelSerializer.writeModel(network, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    assertThat(restored.getParam("0_s")).isEqualTo(network.getParam("0_s"));
  }
}
