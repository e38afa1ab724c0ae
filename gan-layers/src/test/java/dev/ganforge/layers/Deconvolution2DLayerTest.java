package dev.ganforge.layers;

import static dev.ganforge.layers.Convolution2DLayerTest.assertOutputShape;
import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.engine.NetworkAssembler;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.layers.testing.TestNetworks;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

final class Deconvolution2DLayerTest {
  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "deconv2d", Deconvolution2DLayer.Provider.class);
  }

  @Test
  void configRoundTripsWithDefaults() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: deconv2d, filters: 64}",
        new Deconvolution2DLayer.Config(64, 3, 1, PaddingMode.SAME, ActivationFunction.IDENTITY, 0.2,
            WeightInitialization.XAVIER, true));
    PluginContracts.assertRoundTrip(LayerConfig.class,
        "{type: deconv2d, filters: 1, kernel: 4, stride: 2, padding: truncate, activation: tanh, "
            + "weightInit: dcgan, bias: false}",
        new Deconvolution2DLayer.Config(1, 4, 2, PaddingMode.TRUNCATE, ActivationFunction.TANH, 0.2,
            WeightInitialization.DCGAN, false));
  }

  @Test
  void dcganBlocksWithKernelFourStrideTwoAndSamePaddingDoubleTheImage() {
    NetworkAssembler assembly = assemble(InputType.convolutional(7, 7, 8),
        "{type: deconv2d, filters: 4, kernel: 4, stride: 2}");
    assertThat(assembly.currentType()).isEqualTo(InputType.convolutional(14, 14, 4));
    TestNetworks.append(assembly, "{type: deconv2d, filters: 1, kernel: 4, stride: 2, activation: tanh}");
    assertThat(assembly.currentType()).isEqualTo(InputType.convolutional(28, 28, 1));

    assertThat(build(assembly).output(gaussian(3, 2, 8, 7, 7)).shape()).containsExactly(2, 1, 28, 28);
  }

  @Test
  void samePaddingAtStrideOneKeepsTheSize() {
    assertOutputShape(InputType.convolutional(7, 7, 2), "{type: deconv2d, filters: 3}", 3, 7, 7);
  }

  @Test
  void truncatePaddingOutputsInputMinusOneTimesStridePlusKernel() {
    assertOutputShape(InputType.convolutional(3, 3, 2), "{type: deconv2d, filters: 3, stride: 2, padding: truncate}",
        3, 7, 7);
    assertOutputShape(InputType.convolutional(7, 7, 2),
        "{type: deconv2d, filters: 1, kernel: 4, stride: 2, padding: truncate}", 1, 16, 16);
  }

  @Test
  void eachInputPixelAddsAKernelPatchScaledByItsValue() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: deconv2d, filters: 3, stride: 2, padding: truncate, activation: leaky-relu, leakySlope: 0.1}"));
    INDArray x = gaussian(5, 2, 2, 3, 3);
    INDArray weights = network.getParam("0_W"); // [channels in, filters, kernel, kernel]
    INDArray bias = network.getParam("0_b");
    assertThat(weights.shape()).containsExactly(2, 3, 3, 3);

    INDArray expected = transposedConvolution(x, weights, bias, 2);
    for (int i = 0; i < expected.length(); i++) {
      double v = expected.getDouble(i);
      expected.putScalar(i, v > 0 ? v : 0.1 * v);
    }

    INDArray actual = network.output(x);
    assertThat(actual.shape()).containsExactly(2, 3, 7, 7);
    assertThat(actual.ravel().toDoubleVector()).containsExactly(expected.ravel().toDoubleVector(), within(1e-12));
  }

  @Test
  void samePaddingIsTheFullTransposedConvolutionCroppedEvenlyAsExplicitPaddingOneDnnTakes() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: deconv2d, filters: 3, kernel: 4, stride: 2}"));
    // DCGAN's kernel 4, stride 2: "same" pads (4 - 2) / 2 = 1 on every side, given to DL4J as explicit
    // padding (libnd4j runs oneDNN's deconvolution only for explicit padding; its own path is several
    // times slower)
    Deconvolution2D conf = (Deconvolution2D) network.getLayerWiseConfigurations().getConf(0).getLayer();
    assertThat(conf.getConvolutionMode()).isEqualTo(ConvolutionMode.Truncate);
    assertThat(conf.getPadding()).containsExactly(1, 1);
    INDArray x = gaussian(6, 2, 2, 3, 3);

    INDArray full = transposedConvolution(x, network.getParam("0_W"), network.getParam("0_b"), 2); // 8 x 8
    INDArray expected = full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 7),
        NDArrayIndex.interval(1, 7));

    INDArray actual = network.output(x);
    assertThat(actual.shape()).containsExactly(2, 3, 6, 6);
    assertThat(actual.ravel().toDoubleVector()).containsExactly(expected.dup().ravel().toDoubleVector(), within(1e-12));
  }

  @Test
  void samePaddingWithAnOddExcessStaysDl4jSameMode() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 3, 2),
        "{type: deconv2d, filters: 3, kernel: 3, stride: 2}"));
    Deconvolution2D conf = (Deconvolution2D) network.getLayerWiseConfigurations().getConf(0).getLayer();
    assertThat(conf.getConvolutionMode()).isEqualTo(ConvolutionMode.Same);
    assertThat(network.output(gaussian(7, 2, 2, 3, 3)).shape()).containsExactly(2, 3, 6, 6);
  }

  /** y[n, f, i s + u, j s + v] += w[c, f, u, v] x[n, c, i, j], over every input pixel, plus b[f]; no padding. */
  private static INDArray transposedConvolution(INDArray x, INDArray w, INDArray b, int stride) {
    long batch = x.size(0);
    long channels = x.size(1);
    long height = x.size(2);
    long width = x.size(3);
    long filters = w.size(1);
    long kernel = w.size(2);
    long outHeight = (height - 1) * stride + kernel;
    long outWidth = (width - 1) * stride + kernel;
    INDArray y = Nd4j.zeros(x.dataType(), batch, filters, outHeight, outWidth);
    for (long n = 0; n < batch; n++) {
      for (long f = 0; f < filters; f++) {
        y.get(point(n), point(f)).assign(b.getDouble(f));
        for (long c = 0; c < channels; c++) {
          for (long i = 0; i < height; i++) {
            for (long j = 0; j < width; j++) {
              for (long u = 0; u < kernel; u++) {
                for (long v = 0; v < kernel; v++) {
                  long[] at = {n, f, i * stride + u, j * stride + v};
                  y.putScalar(at, y.getDouble(at) + w.getDouble(c, f, u, v) * x.getDouble(n, c, i, j));
                }
              }
            }
          }
        }
      }
    }
    return y;
  }
}
