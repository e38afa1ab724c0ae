package dev.ganforge.layers.function;

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
import dev.ganforge.layers.minibatch.MinibatchStddevLayer;
import dev.ganforge.layers.normalization.PixelNormLayer;
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

/**
 * {@code pixel-norm} and {@code minibatch-stddev}, the parameter-free function layers: each with a hand-
 * written backward pass.
 */
final class FunctionLayersTest {
  @Test
  void areDiscoveredAndTheirConfigsRoundTrip() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "pixel-norm", PixelNormLayer.Provider.class);
    PluginContracts.assertDiscovered(PluginKind.LAYER, "minibatch-stddev", MinibatchStddevLayer.Provider.class);
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: pixel-norm}", new PixelNormLayer.Config(1e-8));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: minibatch-stddev}",
        new MinibatchStddevLayer.Config(4, 1e-8));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: minibatch-stddev, groupSize: 2, epsilon: 0.001}",
        new MinibatchStddevLayer.Config(2, 0.001));
    assertThatThrownBy(() -> new MinibatchStddevLayer.Config(0, null))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("groupSize"));
  }

  @Test
  void pixelNormGivesEveryPixelsChannelVectorUnitRootMeanSquare() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 4, 5), "{type: pixel-norm}"));
    INDArray x = gaussian(1, 2, 5, 3, 4).muli(7);

    INDArray y = network.output(x, false);

    for (int n = 0; n < 2; n++) {
      for (int h = 0; h < 3; h++) {
        for (int w = 0; w < 4; w++) {
          double sumOfSquares = 0;
          double inputSumOfSquares = 0;
          for (int c = 0; c < 5; c++) {
            sumOfSquares += y.getDouble(n, c, h, w) * y.getDouble(n, c, h, w);
            inputSumOfSquares += x.getDouble(n, c, h, w) * x.getDouble(n, c, h, w);
          }
          assertThat(sumOfSquares / 5).isCloseTo(1, within(1e-6));
          // Direction kept: y is x times a positive number.
          assertThat(y.getDouble(n, 2, h, w) * Math.sqrt(inputSumOfSquares / 5))
              .isCloseTo(x.getDouble(n, 2, h, w), within(1e-6));
        }
      }
    }
  }

  @Test
  void minibatchStddevAppendsTheGroupsMeanStandardDeviationAsAChannel() {
    MultiLayerNetwork network =
        build(assemble(InputType.convolutional(2, 3, 2), "{type: minibatch-stddev, groupSize: 2, epsilon: 1e-12}"));
    INDArray x = gaussian(3, 4, 2, 2, 3);
    x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)).muli(10); // the second group varies more

    INDArray y = network.output(x, false);

    assertThat(y.shape()).containsExactly(4, 3, 2, 3);
    for (int group = 0; group < 2; group++) {
      double expected = meanOfStandardDeviations(x, 2 * group, 2);
      for (int member = 2 * group; member < 2 * group + 2; member++) {
        for (int h = 0; h < 2; h++) {
          for (int w = 0; w < 3; w++) {
            assertThat(y.getDouble(member, 2, h, w)).isCloseTo(expected, within(1e-9));
            assertThat(y.getDouble(member, 1, h, w)).isEqualTo(x.getDouble(member, 1, h, w));
          }
        }
      }
    }
  }

  @Test
  void minibatchStddevUsesTheWholeBatchWhenTheGroupSizeDoesNotDivideIt() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3), "{type: minibatch-stddev, epsilon: 1e-12}"));
    INDArray x = gaussian(5, 5, 3);

    INDArray y = network.output(x, false);

    assertThat(y.shape()).containsExactly(5, 4);
    assertThat(y.getDouble(0, 3)).isCloseTo(meanOfStandardDeviations(x, 0, 5), within(1e-9));
  }

  /** Written out loop by loop: the mean over features of the standard deviation (1/n) across samples. */
  private static double meanOfStandardDeviations(INDArray x, int first, int count) {
    long features = x.length() / x.size(0);
    INDArray flat = x.reshape('c', x.size(0), features);
    double total = 0;
    for (long j = 0; j < features; j++) {
      double mean = 0;
      for (int i = first; i < first + count; i++) {
        mean += flat.getDouble(i, j) / count;
      }
      double variance = 0;
      for (int i = first; i < first + count; i++) {
        variance += Math.pow(flat.getDouble(i, j) - mean, 2) / count;
      }
      total += Math.sqrt(variance);
    }
    return total / features;
  }

  @Test
  void backpropMatchesFiniteDifferences() {
    MultiLayerNetwork images = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: conv2d, filters: 3, activation: tanh}", "{type: pixel-norm}",
        "{type: minibatch-stddev, groupSize: 2}", "{type: flatten}", "{type: dense, units: 2}"));
    FiniteDifferences.assertGradientsMatch(images, gaussian(1, 4, 2, 3, 3), gaussian(2, 4, 2), Set.of());

    MultiLayerNetwork vectors = build(assemble(InputType.feedForward(3),
        "{type: pixel-norm}", "{type: minibatch-stddev}", "{type: dense, units: 2, activation: softplus}"));
    FiniteDifferences.assertGradientsMatch(vectors, gaussian(3, 6, 3), gaussian(4, 6, 2), Set.of());
  }

  @Test
  void theirSettingsSurviveSavingAndLoading(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3),
        "{type: pixel-norm, epsilon: 0.5}", "{type: minibatch-stddev, groupSize: 2, epsilon: 0.25}",
        "{type: dense, units: 2}"));
    File file = directory.resolve("network.zip").toFile();

    ModelSerializer.writeModel(network, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    INDArray x = gaussian(9, 4, 3);
    assertThat(restored.output(x, false)).isEqualTo(network.output(x, false));
  }
}
