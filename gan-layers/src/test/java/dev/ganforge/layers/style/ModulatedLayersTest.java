package dev.ganforge.layers.style;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.layers.ActivationFunction;
import dev.ganforge.layers.testing.FiniteDifferences;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

final class ModulatedLayersTest {
  @Test
  void areDiscoveredAndTheirConfigsRoundTrip() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "mapping-network", MappingNetworkLayer.Provider.class);
    PluginContracts.assertDiscovered(PluginKind.LAYER, "modulated-dense", ModulatedDenseLayer.Provider.class);
    PluginContracts.assertDiscovered(PluginKind.LAYER, "modulated-conv2d", ModulatedConv2DLayer.Provider.class);
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: mapping-network}",
        new MappingNetworkLayer.Config(4, null, 0.01, true, null));
    PluginContracts.assertRoundTrip(LayerConfig.class,
        "{type: mapping-network, layers: 8, units: 64, lrMultiplier: 0.1, normalizeLatent: false, constant: [32, 4, 4]}",
        new MappingNetworkLayer.Config(8, 64, 0.1, false, List.of(32, 4, 4)));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: modulated-dense, units: 5}",
        new ModulatedDenseLayer.Config(5, true, ActivationFunction.IDENTITY, 0.2, 1.0));
    PluginContracts.assertRoundTrip(LayerConfig.class,
        "{type: modulated-conv2d, filters: 8, kernel: 1, demodulate: false, activation: leaky-relu, leakySlope: 0.1}",
        new ModulatedConv2DLayer.Config(8, 1, false, ActivationFunction.LEAKY_RELU, 0.1, Math.sqrt(2)));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: modulated-conv2d, filters: 8, gain: 1}",
        new ModulatedConv2DLayer.Config(8, 3, true, ActivationFunction.IDENTITY, 0.2, 1.0));
  }

  @Test
  void matchesStyleGan2sModulatedConvolutionWrittenOutWithEachSamplesOwnWeights() {
    // w = z (no mapping layers); the input is the learned constant, the same for both samples.
    MultiLayerNetwork network = build(assemble(InputType.feedForward(4),
        "{type: mapping-network, layers: 0, normalizeLatent: false, constant: [2, 3, 3]}",
        "{type: modulated-conv2d, filters: 3, kernel: 3, activation: leaky-relu}"));
    perturbBiases(network);
    INDArray z = gaussian(9, 2, 4);

    INDArray output = network.output(z, false);

    double[][][] x = constant(network.getParam("0_C"));
    double[][][][] stored = kernel(network.getParam("1_W"));
    double[][] affine = network.getParam("1_A").toDoubleMatrix();
    double[] affineBias = network.getParam("1_a").toDoubleVector();
    double[] bias = network.getParam("1_b").toDoubleVector();
    double weightScale = 1 / Math.sqrt(2 * 3 * 3); // equalized learning rate: 1 / sqrt(fan_in)
    double affineScale = 1 / Math.sqrt(4);
    for (int n = 0; n < 2; n++) {
      // s = A w + a, then this sample's kernel W'[o][i] = W[o][i] s[i], demodulated per output channel
      double[] s = new double[2];
      for (int i = 0; i < 2; i++) {
        s[i] = affineBias[i];
        for (int k = 0; k < 4; k++) {
          s[i] += affine[i][k] * affineScale * z.getDouble(n, k);
        }
      }
      double[][][][] w = new double[3][2][3][3];
      for (int o = 0; o < 3; o++) {
        double sumOfSquares = 0;
        for (int i = 0; i < 2; i++) {
          for (int kh = 0; kh < 3; kh++) {
            for (int kw = 0; kw < 3; kw++) {
              w[o][i][kh][kw] = stored[o][i][kh][kw] * weightScale * s[i];
              sumOfSquares += w[o][i][kh][kw] * w[o][i][kh][kw];
            }
          }
        }
        for (int i = 0; i < 2; i++) {
          for (int kh = 0; kh < 3; kh++) {
            for (int kw = 0; kw < 3; kw++) {
              w[o][i][kh][kw] /= Math.sqrt(sumOfSquares + 1e-8);
            }
          }
        }
      }
      for (int o = 0; o < 3; o++) {
        for (int h = 0; h < 3; h++) {
          for (int v = 0; v < 3; v++) {
            double sum = bias[o];
            for (int i = 0; i < 2; i++) {
              for (int kh = 0; kh < 3; kh++) {
                for (int kw = 0; kw < 3; kw++) {
                  int row = h + kh - 1;
                  int column = v + kw - 1;
                  if (row >= 0 && row < 3 && column >= 0 && column < 3) {
                    sum += w[o][i][kh][kw] * x[i][row][column];
                  }
                }
              }
            }
            // StyleGAN2's bias_act: leaky ReLU (0.2) times sqrt(2)
            double expected = Math.sqrt(2) * (sum > 0 ? sum : 0.2 * sum);
            assertThat(output.getDouble(n, o, h, v)).as("sample %d, channel %d at (%d, %d)", n, o, h, v)
                .isCloseTo(expected, within(1e-9));
          }
        }
      }
    }
  }

  private static double[][][] constant(INDArray flat) {
    INDArray c = flat.reshape('c', 2, 3, 3);
    double[][][] values = new double[2][3][3];
    for (int i = 0; i < 2; i++) {
      values[i] = c.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all()).toDoubleMatrix();
    }
    return values;
  }

  private static double[][][][] kernel(INDArray weights) {
    double[][][][] values = new double[3][2][3][3];
    for (int o = 0; o < 3; o++) {
      for (int i = 0; i < 2; i++) {
        for (int kh = 0; kh < 3; kh++) {
          for (int kw = 0; kw < 3; kw++) {
            values[o][i][kh][kw] = weights.getDouble(o, i, kh, kw);
          }
        }
      }
    }
    return values;
  }

  @Test
  void denseBackpropMatchesFiniteDifferencesThroughBothPathsToTheStyle() {
    // w feeds the modulations and, with no constant, the chain itself: both gradients reach the mapping network
    MultiLayerNetwork network = build(assemble(InputType.feedForward(6),
        "{type: mapping-network, layers: 2, units: 5, lrMultiplier: 0.5}",
        "{type: modulated-dense, units: 4, activation: tanh}",
        "{type: modulated-dense, units: 3, demodulate: false, activation: softplus}"));
    perturbBiases(network);

    FiniteDifferences.assertGradientsMatch(network, gaussian(1, 3, 6), gaussian(2, 3, 3), Set.of());
  }

  @Test
  void convolutionBackpropMatchesFiniteDifferencesFromALearnedConstant() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(4),
        "{type: mapping-network, layers: 1, units: 3, constant: [2, 3, 3]}",
        "{type: modulated-conv2d, filters: 3, kernel: 3, activation: tanh}",
        "{type: modulated-conv2d, filters: 2, kernel: 2, demodulate: false}"));
    perturbBiases(network);

    FiniteDifferences.assertGradientsMatch(network, gaussian(3, 2, 4), gaussian(4, 2, 2, 3, 3), Set.of());
  }

  /** Non-zero biases, so that their gradients and the ones through them are checked too. */
  private static void perturbBiases(MultiLayerNetwork network) {
    network.paramTable().forEach((key, value) -> {
      if (key.endsWith("_b") || key.endsWith("_a")) {
        value.addi(gaussian(key.hashCode(), value.shape()).mul(0.3));
      }
    });
  }

  @Test
  void demodulationGivesUnitVarianceOutputsForUnitVarianceInputs() {
    for (boolean demodulate : new boolean[] {true, false}) {
      // w = z (no mapping layers) is both the style and, reshaped, the unit-variance input x
      MultiLayerNetwork network = build(assemble(InputType.feedForward(2304),
          "{type: mapping-network, layers: 0, normalizeLatent: false}", "{type: reshape, shape: [16, 12, 12]}",
          "{type: modulated-conv2d, filters: 8, kernel: 3, demodulate: " + demodulate + "}"));
      // s near 3: without demodulation the variance would be about 9
      network.getParam("1_a").assign(3);
      INDArray x = gaussian(5, 64, 2304);

      INDArray interior = network.output(x, false)
          .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 11), NDArrayIndex.interval(1, 11));
      double variance = interior.varNumber().doubleValue();

      // 51,200 values (each exactly N(0, 1) with demodulation), overlapping windows: standard error ~0.01
      if (demodulate) {
        assertThat(variance).isCloseTo(1.0, within(0.05));
      } else {
        assertThat(variance).isGreaterThan(4.0);
      }
    }
  }

  @Test
  void eachSampleIsModulatedByItsOwnStyle() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(4),
        "{type: mapping-network, layers: 1, constant: [2, 3, 3]}", "{type: modulated-conv2d, filters: 2}"));
    INDArray z = gaussian(6, 2, 4);
    INDArray alone = network.output(z.getRow(0, true), false);
    INDArray together = network.output(z, false);

    assertThat(together.get(NDArrayIndex.interval(0, 1))).isEqualTo(alone);
    assertThat(together.get(NDArrayIndex.interval(1, 2))).isNotEqualTo(alone);
  }

  @Test
  void copiesReadTheirOwnMappingNetwork(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(4),
        "{type: mapping-network, layers: 2, constant: [2, 3, 3]}",
        "{type: modulated-conv2d, filters: 2, activation: leaky-relu}", // its sqrt(2) gain is saved too
        "{type: modulated-conv2d, filters: 1, kernel: 1}"));
    INDArray z = gaussian(7, 3, 4);
    INDArray other = gaussian(8, 3, 4);
    INDArray expected = network.output(z, false);
    File file = directory.resolve("network.zip").toFile();
    ModelSerializer.writeModel(network, file, true);

    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
    MultiLayerNetwork copy = network.clone();
    // the original's last pass saw other styles; a copy linked to the original's source would use them
    network.output(other, false);
    assertThat(restored.output(z, false)).isEqualTo(expected);
    network.output(other, false);
    assertThat(copy.output(z, false)).isEqualTo(expected);
  }

  @Test
  void needAMappingNetworkBeforeThem() {
    assertThatThrownBy(() -> assemble(InputType.feedForward(4), "{type: modulated-dense, units: 3}"))
        .hasMessageContaining("modulated-dense reads the style w of a mapping network, but none comes before it")
        .hasMessageContaining("put {type: mapping-network} first");
    assertThatThrownBy(() -> assemble(InputType.feedForward(4), "{type: mapping-network}",
        "{type: modulated-conv2d, filters: 3}"))
        .hasMessageContaining("modulated-conv2d needs images");
    assertThatThrownBy(() -> assemble(InputType.feedForward(4), "{type: mapping-network, layers: 0, units: 8}"))
        .hasMessageContaining("with layers: 0, w is z itself (4 values)");
    assertThatThrownBy(() -> PluginContracts.mapper().read("{type: mapping-network, constant: [3, 4]}", false,
        "test", LayerConfig.class))
        .hasMessageContaining("constant").hasMessageContaining("[channels, height, width]");
  }
}
