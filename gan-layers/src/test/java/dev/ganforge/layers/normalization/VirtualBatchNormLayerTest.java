package dev.ganforge.layers.normalization;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.ReferenceNormalized;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.layers.testing.FiniteDifferences;
import java.io.File;
import java.nio.file.Path;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

final class VirtualBatchNormLayerTest {
  @Test
  void isDiscoveredAndItsConfigRoundTrips() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "virtual-batch-norm", VirtualBatchNormLayer.Provider.class);
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: virtual-batch-norm}",
        new VirtualBatchNormLayer.Config(64, 1e-5));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: virtual-batch-norm, referenceSize: 16, epsilon: 0.001}",
        new VirtualBatchNormLayer.Config(16, 1e-3));
  }

  /** Passes {@code reference} through with recording on, as the engine does at the start of a step. */
  private static void record(MultiLayerNetwork network, INDArray reference) {
    for (Layer layer : network.getLayers()) {
      if (layer instanceof ReferenceNormalized normalized) {
        normalized.setRecordingReference(true);
      }
    }
    network.output(reference, false);
    for (Layer layer : network.getLayers()) {
      if (layer instanceof ReferenceNormalized normalized) {
        normalized.setRecordingReference(false);
      }
    }
  }

  @Test
  void recordsTheReferenceBatchsMeanAndVariancePerChannel() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2), "{type: virtual-batch-norm}"));
    INDArray reference = gaussian(1, 5, 2, 3, 3).muli(2).addi(1);

    record(network, reference);

    for (int channel = 0; channel < 2; channel++) {
      double[] values = reference.get(NDArrayIndex.all(), NDArrayIndex.point(channel)).dup().data().asDouble();
      double mean = java.util.Arrays.stream(values).average().orElseThrow();
      double variance = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
      assertThat(network.getParam("0_referenceMean").getDouble(0, channel)).isCloseTo(mean, within(1e-12));
      assertThat(network.getParam("0_referenceVariance").getDouble(0, channel)).isCloseTo(variance, within(1e-12));
    }
  }

  @Test
  void aLaterLayerRecordsTheNormalizedReference() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3),
        "{type: virtual-batch-norm, epsilon: 1.0e-12}", "{type: virtual-batch-norm}"));

    record(network, gaussian(2, 40, 3).muli(5).addi(-2));

    for (int unit = 0; unit < 3; unit++) {
      assertThat(network.getParam("1_referenceMean").getDouble(0, unit)).isCloseTo(0, within(1e-12));
      assertThat(network.getParam("1_referenceVariance").getDouble(0, unit)).isCloseTo(1, within(1e-9));
    }
  }

  @Test
  void aSamplesOutputDoesNotDependOnTheOtherSamplesInItsBatch() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: conv2d, filters: 4, kernel: 2, stride: 1}", "{type: virtual-batch-norm}"));
    record(network, gaussian(3, 8, 2, 3, 3));
    INDArray sample = gaussian(4, 1, 2, 3, 3);

    INDArray alone = network.output(sample, true);
    INDArray inOneBatch = network.output(Nd4j.concat(0, sample, gaussian(5, 6, 2, 3, 3)), true);
    INDArray inAnother = network.output(Nd4j.concat(0, sample, gaussian(6, 2, 2, 3, 3).muli(10)), true);

    assertThat(inOneBatch.get(NDArrayIndex.interval(0, 1))).isEqualTo(alone);
    assertThat(inAnother.get(NDArrayIndex.interval(0, 1))).isEqualTo(alone);
  }

  @Test
  void backpropMatchesFiniteDifferencesWithTheStatisticsAsConstants() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: conv2d, filters: 3, kernel: 2, stride: 1, activation: tanh}", "{type: virtual-batch-norm}",
        "{type: flatten}", "{type: dense, units: 2, activation: softplus}"));
    record(network, gaussian(7, 6, 2, 3, 3));
    network.getParam("1_gamma").assign(gaussian(8, 1, 3));
    network.getParam("1_beta").assign(gaussian(9, 1, 3));

    FiniteDifferences.assertGradientsMatch(network, gaussian(10, 3, 2, 3, 3), gaussian(11, 3, 2),
        Set.of("1_referenceMean", "1_referenceVariance"));
  }

  @Test
  void itsReferenceStatisticsSurviveSavingAndLoading(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(4), "{type: virtual-batch-norm}"));
    record(network, gaussian(12, 10, 4).muli(3));
    File file = directory.resolve("network.zip").toFile();

    ModelSerializer.writeModel(network, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    assertThat(restored.getParam("0_referenceVariance")).isEqualTo(network.getParam("0_referenceVariance"));
    INDArray x = gaussian(13, 3, 4);
    assertThat(restored.output(x, false)).isEqualTo(network.output(x, false));
  }
}
