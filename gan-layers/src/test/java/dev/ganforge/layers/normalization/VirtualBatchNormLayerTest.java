package dev.ganforge.layers.normalization;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.engine.ModelException;
import dev.ganforge.core.engine.ReferenceBatch;
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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Virtual batch norm as Salimans et al.'s code computes it: each sample normalized with the reference
 * batch's statistics combined with its own (weight 1/(R+1)), the reference with its own, gradients through
 * all of them. References: values worked out by hand, and float64 finite differences.
 */
final class VirtualBatchNormLayerTest {
  @Test
  void isDiscoveredAndItsConfigRoundTrips() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "virtual-batch-norm", VirtualBatchNormLayer.Provider.class);
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: virtual-batch-norm}",
        new VirtualBatchNormLayer.Config(64, 1e-5));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: virtual-batch-norm, referenceSize: 16, epsilon: 0.001}",
        new VirtualBatchNormLayer.Config(16, 1e-3));
  }

  @Test
  void normalizesASampleWithTheReferenceStatisticsCombinedWithItsOwn() {
    // Reference 1, 2, 3: mean 2, mean square 14/3. Sample 5 joins with weight 1/4:
    // mean (5 + 3 * 2) / 4 = 2.75, mean square (25 + 3 * 14/3) / 4 = 9.75, variance 9.75 - 2.75^2 = 2.1875.
    MultiLayerNetwork network = build(assemble(InputType.feedForward(1),
        "{type: virtual-batch-norm, referenceSize: 3, epsilon: 1.0e-12}"));
    ReferenceBatch.install(network, Nd4j.createFromArray(new double[][] {{1}, {2}, {3}}));

    INDArray output = network.output(Nd4j.createFromArray(new double[][] {{5}, {2}}), false);

    assertThat(output.getDouble(0, 0)).isCloseTo((5 - 2.75) / Math.sqrt(2.1875), within(1e-9));
    // Sample 2: mean (2 + 6) / 4 = 2, mean square (4 + 14) / 4 = 4.5, variance 0.5.
    assertThat(output.getDouble(1, 0)).isCloseTo(0, within(1e-9));
    assertThat(output.rows()).as("the reference rows are dropped by the last such layer").isEqualTo(2);
  }

  @Test
  void takesImageStatisticsPerChannelOverTheSamplesPixels() {
    // One channel of two pixels. Reference [0, 2] and [4, 6]: mean 3, mean square (0 + 4 + 16 + 36) / 4 = 14.
    // Sample [1, 3]: own mean 2, own mean square 5; with weight 1/3: mean 8/3, mean square 11,
    // variance 11 - 64/9 = 35/9.
    MultiLayerNetwork network = build(assemble(InputType.convolutional(1, 2, 1),
        "{type: virtual-batch-norm, referenceSize: 2, epsilon: 1.0e-12}"));
    ReferenceBatch.install(network, Nd4j.createFromArray(new double[] {0, 2, 4, 6}).reshape(2, 1, 1, 2));
    network.getParam("1_gamma").assign(2);
    network.getParam("1_beta").assign(0.5);

    INDArray output = network.output(Nd4j.createFromArray(new double[] {1, 3}).reshape(1, 1, 1, 2), false);

    double deviation = Math.sqrt(35.0 / 9);
    assertThat(output.getDouble(0, 0, 0, 0)).isCloseTo(2 * (1 - 8.0 / 3) / deviation + 0.5, within(1e-9));
    assertThat(output.getDouble(0, 0, 0, 1)).isCloseTo(2 * (3 - 8.0 / 3) / deviation + 0.5, within(1e-9));
  }

  @Test
  void aSamplesOutputDoesNotDependOnTheOtherSamplesInItsBatch() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: conv2d, filters: 4, kernel: 2, stride: 1}", "{type: virtual-batch-norm, referenceSize: 8}"));
    ReferenceBatch.install(network, gaussian(3, 8, 2, 3, 3));
    INDArray sample = gaussian(4, 1, 2, 3, 3);

    INDArray alone = network.output(sample, true);
    INDArray inOneBatch = network.output(Nd4j.concat(0, sample, gaussian(5, 6, 2, 3, 3)), true);
    INDArray inAnother = network.output(Nd4j.concat(0, sample, gaussian(6, 2, 2, 3, 3).muli(10)), true);

    assertThat(inOneBatch.get(NDArrayIndex.interval(0, 1))).isEqualTo(alone);
    assertThat(inAnother.get(NDArrayIndex.interval(0, 1))).isEqualTo(alone);
  }

  @Test
  void backpropMatchesFiniteDifferencesThroughTheReferenceStatistics() {
    // Two VBN layers with a convolution before each: the reference statistics depend on the convolutions'
    // weights, and the finite differences see that dependence.
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: conv2d, filters: 3, kernel: 2, stride: 1, activation: tanh}",
        "{type: virtual-batch-norm, referenceSize: 4}",
        "{type: flatten}", "{type: dense, units: 3, activation: softplus}",
        "{type: virtual-batch-norm, referenceSize: 4}", "{type: dense, units: 2}"));
    ReferenceBatch.install(network, gaussian(7, 4, 2, 3, 3));
    network.getParam("2_gamma").assign(gaussian(8, 1, 3));
    network.getParam("2_beta").assign(gaussian(9, 1, 3));

    FiniteDifferences.assertGradientsMatch(network, gaussian(10, 3, 2, 3, 3), gaussian(11, 3, 2),
        Set.of("0_reference"));
  }

  @Test
  void layersOfOneNetworkMustAgreeOnTheReferenceSize() {
    assertThatThrownBy(() -> assemble(InputType.feedForward(2),
        "{type: virtual-batch-norm, referenceSize: 4}", "{type: virtual-batch-norm, referenceSize: 8}"))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("reference batches of 4 and 8 samples");
  }

  @Test
  void itsReferenceBatchSurvivesSavingAndLoading(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(4), "{type: virtual-batch-norm, referenceSize: 10}"));
    ReferenceBatch.install(network, gaussian(12, 10, 4).muli(3));
    File file = directory.resolve("network.zip").toFile();

    ModelSerializer.writeModel(network, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    assertThat(restored.getParam("0_reference")).isEqualTo(network.getParam("0_reference"));
    INDArray x = gaussian(13, 3, 4);
    assertThat(restored.output(x, false)).isEqualTo(network.output(x, false));
  }
}
