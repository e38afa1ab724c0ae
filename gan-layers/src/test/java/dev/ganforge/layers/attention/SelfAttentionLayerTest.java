package dev.ganforge.layers.attention;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

final class SelfAttentionLayerTest {
  @Test
  void isDiscoveredAndItsConfigRoundTrips() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "self-attention", SelfAttentionLayer.Provider.class);
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: self-attention}", new SelfAttentionLayer.Config(null, null));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: self-attention, keyChannels: 4, spectralNorm: true}",
        new SelfAttentionLayer.Config(4, true));
  }

  @Test
  void startsAsTheIdentityWithKeysOfAnEighthOfTheChannels() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 16), "{type: self-attention}"));
    INDArray x = gaussian(1, 2, 16, 3, 3);

    assertThat(network.getParam("0_Wf").shape()).containsExactly(2, 16);
    assertThat(network.output(x, true)).isEqualTo(x);
  }

  @Test
  void matchesALoopByLoopReference() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(2, 3, 3), "{type: self-attention, keyChannels: 2}"));
    network.getParam("0_gamma").assign(0.7);
    INDArray x = gaussian(2, 2, 3, 2, 3);

    INDArray output = network.output(x, false);

    assertMatchesLoops(output, x, network.getParam("0_Wf"), network.getParam("0_Wg"), network.getParam("0_Wh"));
  }

  @Test
  void spectrallyNormalizedItUsesEachProjectionDividedByItsLargestSingularValue() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(2, 3, 3),
        "{type: self-attention, keyChannels: 2, spectralNorm: true}"));
    network.getParam("0_gamma").assign(0.7);
    INDArray x = gaussian(2, 2, 3, 2, 3);
    for (int i = 0; i < 300; i++) {
      network.output(x, true); // each training pass advances every u one power iteration
    }

    INDArray output = network.output(x, false);

    assertMatchesLoops(output, x, normalized(network.getParam("0_Wf")), normalized(network.getParam("0_Wg")),
        normalized(network.getParam("0_Wh")));
  }

  /** W over its largest singular value, found by 2,000 power iterations on W^T W in float64. */
  private static INDArray normalized(INDArray weights) {
    double[][] w = weights.toDoubleMatrix();
    double[] v = new double[w[0].length];
    java.util.Arrays.fill(v, 1);
    double sigma = 0;
    for (int iteration = 0; iteration < 2000; iteration++) {
      double[] wv = new double[w.length];
      for (int r = 0; r < w.length; r++) {
        for (int c = 0; c < v.length; c++) {
          wv[r] += w[r][c] * v[c];
        }
      }
      double[] next = new double[v.length];
      for (int c = 0; c < v.length; c++) {
        for (int r = 0; r < w.length; r++) {
          next[c] += w[r][c] * wv[r];
        }
      }
      double norm = Math.sqrt(java.util.Arrays.stream(next).map(a -> a * a).sum());
      sigma = Math.sqrt(norm); // |W^T W v| = sigma^2 for a unit top singular vector v
      for (int c = 0; c < v.length; c++) {
        v[c] = next[c] / norm;
      }
    }
    return weights.div(sigma);
  }

  /** The output against SAGAN's formula evaluated position by position with the given projections. */
  private static void assertMatchesLoops(INDArray output, INDArray x, INDArray wf, INDArray wg, INDArray wh) {
    int channels = 3;
    int positions = 6;
    for (int s = 0; s < 2; s++) {
      double[][] features = new double[positions][channels];
      for (int p = 0; p < positions; p++) {
        for (int c = 0; c < channels; c++) {
          features[p][c] = x.getDouble(s, c, p / 3, p % 3);
        }
      }
      for (int j = 0; j < positions; j++) {
        // weights of position j over all positions i: softmax_i(f(x_i) . g(x_j))
        double[] logits = new double[positions];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < positions; i++) {
          for (int k = 0; k < 2; k++) {
            logits[i] += project(wf, k, features[i]) * project(wg, k, features[j]);
          }
          max = Math.max(max, logits[i]);
        }
        double total = 0;
        for (int i = 0; i < positions; i++) {
          logits[i] = Math.exp(logits[i] - max);
          total += logits[i];
        }
        for (int c = 0; c < channels; c++) {
          double attended = 0;
          for (int i = 0; i < positions; i++) {
            attended += logits[i] / total * project(wh, c, features[i]);
          }
          assertThat(output.getDouble(s, c, j / 3, j % 3))
              .as("sample %d, channel %d, position %d", s, c, j)
              .isCloseTo(0.7 * attended + features[j][c], org.assertj.core.api.Assertions.within(1e-9));
        }
      }
    }
  }

  private static double project(INDArray weights, int row, double[] feature) {
    double sum = 0;
    for (int c = 0; c < feature.length; c++) {
      sum += weights.getDouble(row, c) * feature[c];
    }
    return sum;
  }

  @Test
  void backpropMatchesFiniteDifferences() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: conv2d, filters: 4, kernel: 2, stride: 1, activation: tanh}",
        "{type: self-attention, keyChannels: 2}", "{type: flatten}", "{type: dense, units: 2, activation: softplus}"));
    network.getParam("1_gamma").assign(0.8);

    FiniteDifferences.assertGradientsMatch(network, gaussian(3, 3, 2, 3, 3), gaussian(4, 3, 2), Set.of());
  }

  @Test
  void spectrallyNormalizedBackpropMatchesFiniteDifferences() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: conv2d, filters: 4, kernel: 2, stride: 1, activation: tanh}",
        "{type: self-attention, keyChannels: 2, spectralNorm: true}", "{type: flatten}",
        "{type: dense, units: 2, activation: softplus}"));
    network.getParam("1_gamma").assign(0.8);

    FiniteDifferences.assertGradientsMatch(network, gaussian(3, 3, 2, 3, 3), gaussian(4, 3, 2),
        Set.of("1_uWf", "1_uWg", "1_uWh"));
  }

  @Test
  void refusesVectors() {
    assertThatThrownBy(() -> assemble(InputType.feedForward(8), "{type: self-attention}"))
        .hasMessageContaining("self-attention needs images (convolutional input)");
  }

  @Test
  void itsWeightsSurviveSavingAndLoading(@TempDir Path directory) throws Exception {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(2, 2, 8), "{type: self-attention}"));
    network.getParam("0_gamma").assign(0.3);
    File file = directory.resolve("network.zip").toFile();

    ModelSerializer.writeModel(network, file, true);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

    INDArray x = gaussian(5, 2, 8, 2, 2);
    assertThat(restored.output(x, false)).isEqualTo(network.output(x, false));
  }
}
