package dev.ganforge.layers.conditional;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganforge.api.layer.LabelConditioned;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

final class LabelEmbeddingLayerTest {
  /** Classes 2, 0, 1 for a batch of three. */
  private static final INDArray LABELS =
      Nd4j.createFromArray(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}).castTo(DataType.DOUBLE);

  @Test
  void isDiscoveredAndItsConfigRoundTrips() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "label-embedding", LabelEmbeddingLayer.Provider.class);
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: label-embedding}",
        new LabelEmbeddingLayer.Config(LabelCombination.CONCAT, null, null));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: label-embedding, combine: multiply, classes: 10}",
        new LabelEmbeddingLayer.Config(LabelCombination.MULTIPLY, null, 10));
  }

  @Test
  void concatenationAppendsEachSamplesRowOfTheTable() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(2),
        "{type: label-embedding, classes: 3, size: 4}"));
    INDArray x = gaussian(1, 3, 2);

    INDArray output = outputFor(network, x, LABELS);

    INDArray table = network.getParam("0_E");
    assertThat(output.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2))).isEqualTo(x);
    int[] classes = {2, 0, 1};
    for (int i = 0; i < 3; i++) {
      assertThat(output.get(NDArrayIndex.point(i), NDArrayIndex.interval(2, 6)))
          .as("sample " + i).isEqualTo(table.getRow(classes[i]));
    }
  }

  @Test
  void forImagesTheEmbeddingIsOneValuePerChannelAtEveryPixel() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(2, 3, 1),
        "{type: label-embedding, classes: 3, combine: multiply}"));
    INDArray x = gaussian(2, 3, 1, 2, 3);

    INDArray output = outputFor(network, x, LABELS);

    double gain = network.getParam("0_E").getDouble(2, 0); // sample 0 has class 2
    assertThat(output.get(NDArrayIndex.point(0)).sub(x.get(NDArrayIndex.point(0)).mul(gain))
        .amaxNumber().doubleValue()).isLessThan(1e-12);
  }

  @Test
  void concatenatedImagesGainTheEmbeddingAsChannels() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(2, 2, 3),
        "{type: label-embedding, classes: 3, size: 5}"));

    assertThat(outputFor(network, gaussian(3, 3, 3, 2, 2), LABELS).shape()).containsExactly(3, 8, 2, 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"concat", "add", "multiply"})
  void backpropMatchesFiniteDifferencesForVectors(String combine) {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3),
        "{type: dense, units: 4, activation: tanh}",
        "{type: label-embedding, classes: 3, combine: " + combine + "}",
        "{type: dense, units: 2, activation: softplus}"));
    LabelConditioned layer = (LabelConditioned) network.getLayer(1);

    FiniteDifferences.assertGradientsMatch(network, gaussian(4, 3, 3), gaussian(5, 3, 2), Set.of(),
        () -> layer.setConditioningLabels(LABELS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"concat", "add", "multiply"})
  void backpropMatchesFiniteDifferencesForImages(String combine) {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: conv2d, filters: 2, activation: tanh}",
        "{type: label-embedding, classes: 3, combine: " + combine + "}",
        "{type: flatten}", "{type: dense, units: 2, activation: softplus}"));
    LabelConditioned layer = (LabelConditioned) network.getLayer(1);

    FiniteDifferences.assertGradientsMatch(network, gaussian(6, 3, 2, 3, 3), gaussian(7, 3, 2), Set.of(),
        () -> layer.setConditioningLabels(LABELS));
  }

  @Test
  void addAndMultiplyRefuseASizeOtherThanTheInputs() {
    assertThatThrownBy(() -> assemble(InputType.feedForward(3), "{type: label-embedding, classes: 3, "
        + "combine: add, size: 5}"))
        .hasMessageContaining("size 5 cannot be combined by add with an input of 3 features");
  }

  @Test
  void needsLabelledData() {
    assertThatThrownBy(() -> assemble(InputType.feedForward(3), "{type: label-embedding}"))
        .hasMessageContaining("has no class labels");
  }

  @Test
  void aPassWithoutLabelsSaysWhy() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(2), "{type: label-embedding, classes: 3}"));

    assertThatThrownBy(() -> network.output(gaussian(1, 3, 2)))
        .hasMessageContaining("was given no class labels");
  }

  @Test
  void theTableSurvivesSavingAndLoading(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(2),
        "{type: label-embedding, classes: 3}", "{type: dense, units: 1}"));
    File file = directory.resolve("network.zip").toFile();

    ModelSerializer.writeModel(network, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    assertThat(restored.getParam("0_E")).isEqualTo(network.getParam("0_E"));
    assertThat(outputFor(restored, gaussian(1, 3, 2), LABELS)).isEqualTo(outputFor(network, gaussian(1, 3, 2), LABELS));
  }

  private static INDArray outputFor(MultiLayerNetwork network, INDArray x, INDArray labels) {
    for (var layer : network.getLayers()) {
      if (layer instanceof LabelConditioned conditioned) {
        conditioned.setConditioningLabels(labels);
      }
    }
    return network.output(x, false);
  }
}
