package dev.ganforge.layers.minibatch;

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

final class MinibatchDiscriminationLayerTest {
  @Test
  void isDiscoveredAndItsConfigRoundTrips() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "minibatch-discrimination",
        MinibatchDiscriminationLayer.Provider.class);
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: minibatch-discrimination}",
        new MinibatchDiscriminationLayer.Config(32, 16, WeightInitialization.FAN_IN_NORMAL));
    PluginContracts.assertRoundTrip(LayerConfig.class,
        "{type: minibatch-discrimination, kernels: 5, kernelDimension: 3, weightInit: dcgan}",
        new MinibatchDiscriminationLayer.Config(5, 3, WeightInitialization.DCGAN));
    assertThatThrownBy(() -> new MinibatchDiscriminationLayer.Config(0, null, null))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("kernels"));
  }

  @Test
  void appendsEachSamplesClosenessToTheOthersPerKernel() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3),
        "{type: minibatch-discrimination, kernels: 2, kernelDimension: 4}"));
    INDArray projection = network.getParam("0_T"); // [3, 2 * 4]
    INDArray x = gaussian(1, 5, 3);

    INDArray y = network.output(x, false);

    assertThat(y.shape()).containsExactly(5, 5);
    for (int i = 0; i < 5; i++) {
      assertThat(y.getDouble(i, 1)).isEqualTo(x.getDouble(i, 1));
      for (int b = 0; b < 2; b++) {
        double expected = 0;
        for (int j = 0; j < 5; j++) {
          if (j == i) {
            continue;
          }
          double l1 = 0;
          for (int c = 0; c < 4; c++) {
            double mi = 0;
            double mj = 0;
            for (int k = 0; k < 3; k++) {
              mi += x.getDouble(i, k) * projection.getDouble(k, b * 4 + c);
              mj += x.getDouble(j, k) * projection.getDouble(k, b * 4 + c);
            }
            l1 += Math.abs(mi - mj);
          }
          expected += Math.exp(-l1);
        }
        assertThat(y.getDouble(i, 3 + b)).isCloseTo(expected, within(1e-12));
      }
    }
  }

  @Test
  void identicalSamplesScoreTheBatchSizeMinusOne() {
    MultiLayerNetwork network =
        build(assemble(InputType.feedForward(3), "{type: minibatch-discrimination, kernels: 3}"));
    INDArray collapsed = gaussian(1, 1, 3).repeat(0, 6);

    INDArray y = network.output(collapsed, false);

    for (int b = 0; b < 3; b++) {
      assertThat(y.getDouble(0, 3 + b)).isCloseTo(5, within(1e-12));
    }
  }

  @Test
  void backpropMatchesFiniteDifferences() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3),
        "{type: dense, units: 4, activation: tanh}",
        "{type: minibatch-discrimination, kernels: 3, kernelDimension: 2}", "{type: dense, units: 2}"));
    network.getParam("1_T").muli(0.3); // keep the kernels away from 0 so the gradient is not negligible

    FiniteDifferences.assertGradientsMatch(network, gaussian(1, 5, 3), gaussian(2, 5, 2), Set.of());
  }

  @Test
  void theProjectionSurvivesSavingAndLoading(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3),
        "{type: minibatch-discrimination, kernels: 3, kernelDimension: 2}", "{type: dense, units: 1}"));
    File file = directory.resolve("network.zip").toFile();

    ModelSerializer.writeModel(network, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    INDArray x = gaussian(9, 4, 3);
    assertThat(restored.output(x, false)).isEqualTo(network.output(x, false));
  }
}
