package dev.ganforge.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The vectorized leaky ReLU and ReLU compute DL4J's activations: in float32 bit for bit (ReLU's zero
 * gradients up to their sign), in float64 the exact derivative.
 */
final class VectorizedActivationsTest {
  /** Random values with exact zeros, negative zeros and a column view among them. */
  private static INDArray input(DataType dataType) {
    INDArray x = Nd4j.randn(DataType.DOUBLE, 64, 37).castTo(dataType);
    x.putScalar(0, 0.0);
    x.putScalar(1, -0.0);
    x.putScalar(2, 1e-40);
    return x;
  }

  private static void assertSameAsDl4j(IActivation ours, IActivation dl4j, INDArray x) {
    INDArray epsilon = Nd4j.randn(x.dataType(), x.shape());
    assertThat(ours.getActivation(x.dup(), true).data().asFloat())
        .containsExactly(dl4j.getActivation(x.dup(), true).data().asFloat());
    assertThat(ours.backprop(x.dup(), epsilon.dup()).getFirst().data().asFloat())
        .containsExactly(dl4j.backprop(x.dup(), epsilon.dup()).getFirst().data().asFloat());
  }

  @Test
  void leakyReluIsDl4jsBitForBitInFloat32() {
    for (double slope : new double[] {0.2, 0.01, 0.0, 1.0}) {
      assertSameAsDl4j(new LeakyReluActivation(slope), new ActivationLReLU(slope), input(DataType.FLOAT));
    }
  }

  @Test
  void reluIsDl4jsInFloat32UpToTheSignOfZero() {
    INDArray x = input(DataType.FLOAT);
    INDArray epsilon = Nd4j.randn(DataType.FLOAT, x.shape());
    assertThat(new ReluActivation().getActivation(x.dup(), true).data().asFloat())
        .containsExactly(new ActivationReLU().getActivation(x.dup(), true).data().asFloat());
    // step(x) * epsilon is -0 where epsilon is negative, relu_bp writes +0: equal numbers
    assertThat(plusZeros(new ReluActivation().backprop(x.dup(), epsilon.dup()).getFirst().data().asFloat()))
        .containsExactly(new ActivationReLU().backprop(x.dup(), epsilon.dup()).getFirst().data().asFloat());
  }

  private static float[] plusZeros(float[] values) {
    for (int i = 0; i < values.length; i++) {
      values[i] += 0.0f;
    }
    return values;
  }

  @Test
  void slopesOutsideZeroToOneTakeDl4jsPath() {
    // max(x, 1.5 x) would be wrong for positive x: these slopes must not take the max path
    assertSameAsDl4j(new LeakyReluActivation(1.5), new ActivationLReLU(1.5), input(DataType.FLOAT));
    assertSameAsDl4j(new LeakyReluActivation(-0.5), new ActivationLReLU(-0.5), input(DataType.FLOAT));
  }

  @Test
  void backwardInFloat64IsTheExactDerivative() {
    INDArray x = input(DataType.DOUBLE);
    INDArray epsilon = Nd4j.randn(DataType.DOUBLE, x.shape());
    double[] leaky = new LeakyReluActivation(0.2).backprop(x.dup(), epsilon.dup()).getFirst().data().asDouble();
    double[] relu = new ReluActivation().backprop(x.dup(), epsilon.dup()).getFirst().data().asDouble();
    double[] forward = new LeakyReluActivation(0.2).getActivation(x.dup(), true).data().asDouble();
    double[] xs = x.data().asDouble();
    double[] es = epsilon.data().asDouble();
    for (int i = 0; i < xs.length; i++) {
      assertThat(leaky[i]).as("leaky ReLU gradient at %s", xs[i]).isEqualTo(xs[i] >= 0 ? es[i] : 0.2 * es[i]);
      assertThat(relu[i]).as("ReLU gradient at %s", xs[i]).isEqualTo(xs[i] > 0 ? es[i] : 0.0);
      assertThat(forward[i]).as("leaky ReLU at %s", xs[i]).isEqualTo(xs[i] >= 0 ? xs[i] : 0.2 * xs[i]);
    }
  }

  @Test
  void worksOnColumnMajorArraysAndViews() {
    INDArray x = input(DataType.FLOAT);
    INDArray expected = new ActivationLReLU(0.2).getActivation(x.dup(), true);
    INDArray columnMajor = new LeakyReluActivation(0.2).getActivation(x.dup('f'), true);
    assertThat(columnMajor.dup('c').data().asFloat()).containsExactly(expected.data().asFloat());

    INDArray whole = x.dup();
    INDArray view = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 20));
    new LeakyReluActivation(0.2).getActivation(view, true);
    assertThat(view.dup().data().asFloat())
        .containsExactly(expected.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 20)).dup().data().asFloat());
    assertThat(whole.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).dup().data().asFloat())
        .as("outside the view").containsExactly(x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).dup()
            .data().asFloat());
  }

  @Test
  void survivesDl4jsJsonWithItsClassAndSlope() {
    MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder().list()
        .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(new LeakyReluActivation(0.3)).build())
        .layer(new DenseLayer.Builder().nIn(4).nOut(2).activation(new ReluActivation()).build())
        .build();
    MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(configuration.toJson());
    IActivation first = ((DenseLayer) read.getConf(0).getLayer()).getActivationFn();
    assertThat(first).isInstanceOf(LeakyReluActivation.class);
    assertThat(((LeakyReluActivation) first).getAlpha()).isEqualTo(0.3);
    assertThat(((DenseLayer) read.getConf(1).getLayer()).getActivationFn()).isInstanceOf(ReluActivation.class);
  }
}
