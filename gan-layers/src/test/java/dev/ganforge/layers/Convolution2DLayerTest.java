package dev.ganforge.layers;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.engine.NetworkAssembler;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

final class Convolution2DLayerTest {
  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "conv2d", Convolution2DLayer.Provider.class);
  }

  @Test
  void configRoundTripsWithDefaults() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: conv2d, filters: 64}",
        new Convolution2DLayer.Config(64, 3, 1, PaddingMode.SAME, ActivationFunction.IDENTITY, 0.2,
            WeightInitialization.XAVIER, true));
    PluginContracts.assertRoundTrip(LayerConfig.class,
        "{type: conv2d, filters: 8, kernel: 4, stride: 2, padding: truncate, activation: leaky-relu, "
            + "leakySlope: 0.1, weightInit: dcgan, bias: false}",
        new Convolution2DLayer.Config(8, 4, 2, PaddingMode.TRUNCATE, ActivationFunction.LEAKY_RELU, 0.1,
            WeightInitialization.DCGAN, false));
  }

  @Test
  void sizesMustBePositive() {
    assertThatThrownBy(() -> new Convolution2DLayer.Config(8, 0, null, null, null, null, null, null))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("kernel"));
    assertThatThrownBy(() -> new Convolution2DLayer.Config(0, null, null, null, null, null, null, null))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("filters"));
  }

  @Test
  void samePaddingOutputsInputSizeOverStrideRoundedUp() {
    assertOutputShape(InputType.convolutional(28, 28, 1), "{type: conv2d, filters: 4}", 4, 28, 28);
    assertOutputShape(InputType.convolutional(28, 28, 1), "{type: conv2d, filters: 4, kernel: 4, stride: 2}",
        4, 14, 14);
    assertOutputShape(InputType.convolutional(7, 7, 3), "{type: conv2d, filters: 2, kernel: 4, stride: 2}", 2, 4, 4);
  }

  @Test
  void truncatePaddingOutputsInputMinusKernelOverStridePlusOne() {
    assertOutputShape(InputType.convolutional(7, 7, 1), "{type: conv2d, filters: 4, padding: truncate}", 4, 5, 5);
    assertOutputShape(InputType.convolutional(28, 28, 1),
        "{type: conv2d, filters: 4, kernel: 4, stride: 2, padding: truncate}", 4, 13, 13);
  }

  @Test
  void computesTheActivationOfCrossCorrelationPlusBias() {
    // Truncate with stride 2: taps at rows and columns 0, 2; same with stride 1 and kernel 3: one zero
    // pixel of padding on every side.
    assertMatchesReference(
        "{type: conv2d, filters: 3, stride: 2, padding: truncate, activation: leaky-relu, leakySlope: 0.1}", 2, 0);
    assertMatchesReference("{type: conv2d, filters: 3, activation: tanh}", 1, 1);
  }

  private static void assertMatchesReference(String yaml, int stride, int padding) {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(5, 5, 2), yaml));
    INDArray x = gaussian(1, 2, 2, 5, 5);
    INDArray weights = network.getParam("0_W"); // [filters, channels, kernel, kernel]
    INDArray bias = network.getParam("0_b");
    assertThat(weights.shape()).containsExactly(3, 2, 3, 3);

    INDArray expected = crossCorrelation(x, weights, bias, stride, padding);
    boolean tanh = yaml.contains("tanh");
    for (int i = 0; i < expected.length(); i++) {
      double v = expected.getDouble(i);
      expected.putScalar(i, tanh ? Math.tanh(v) : v > 0 ? v : 0.1 * v);
    }

    INDArray actual = network.output(x);
    assertThat(actual.shape()).containsExactly(expected.shape());
    assertThat(actual.ravel().toDoubleVector()).containsExactly(expected.ravel().toDoubleVector(), within(1e-12));
  }

  /** y[n, f, i, j] = b[f] + sum over c, u, v of w[f, c, u, v] x[n, c, i s + u - p, j s + v - p], zero outside. */
  static INDArray crossCorrelation(INDArray x, INDArray w, INDArray b, int stride, int padding) {
    long batch = x.size(0);
    long channels = x.size(1);
    long height = x.size(2);
    long width = x.size(3);
    long filters = w.size(0);
    long kernel = w.size(2);
    long outHeight = (height + 2 * padding - kernel) / stride + 1;
    long outWidth = (width + 2 * padding - kernel) / stride + 1;
    INDArray y = Nd4j.zeros(x.dataType(), batch, filters, outHeight, outWidth);
    for (long n = 0; n < batch; n++) {
      for (long f = 0; f < filters; f++) {
        for (long i = 0; i < outHeight; i++) {
          for (long j = 0; j < outWidth; j++) {
            double sum = b.getDouble(f);
            for (long c = 0; c < channels; c++) {
              for (long u = 0; u < kernel; u++) {
                for (long v = 0; v < kernel; v++) {
                  long row = i * stride + u - padding;
                  long column = j * stride + v - padding;
                  if (row >= 0 && row < height && column >= 0 && column < width) {
                    sum += w.getDouble(f, c, u, v) * x.getDouble(n, c, row, column);
                  }
                }
              }
            }
            y.putScalar(new long[] {n, f, i, j}, sum);
          }
        }
      }
    }
    return y;
  }

  /** Asserts the size the assembler reports and the size of a real forward pass (batch of 2). */
  static void assertOutputShape(InputType input, String yaml, long channels, long height, long width) {
    NetworkAssembler assembly = assemble(input, yaml);
    assertThat(assembly.currentType()).isEqualTo(InputType.convolutional(height, width, channels));
    INDArray x = gaussian(7, 2, input.getShape(false)[0], input.getShape(false)[1], input.getShape(false)[2]);
    assertThat(build(assembly).output(x).shape()).containsExactly(2, channels, height, width);
  }
}
