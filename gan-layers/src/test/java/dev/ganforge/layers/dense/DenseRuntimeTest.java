package dev.ganforge.layers.dense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.layers.testing.FiniteDifferences;
import java.util.Set;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The dense runtime computes DL4J's dense layer, only without the copy after the product. */
final class DenseRuntimeTest {
  @Test
  void backpropagatesWhatFiniteDifferencesMeasure() {
    MultiLayerNetwork network = network(DataType.DOUBLE,
        new Dense(3, new ActivationTanH(), WeightInit.XAVIER.getWeightInitFunction(), true),
        new Dense(2, new ActivationLReLU(0.2), WeightInit.XAVIER.getWeightInitFunction(), false));
    INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 4).subi(0.5);
    FiniteDifferences.assertGradientsMatch(network, x, Nd4j.rand(DataType.DOUBLE, 5, 2), Set.of());
  }

  @Test
  void agreesWithDl4jsDenseLayerInFloat32() {
    MultiLayerNetwork ours = network(DataType.FLOAT,
        new Dense(64, new ActivationLReLU(0.2), WeightInit.XAVIER.getWeightInitFunction(), true),
        new Dense(8, new ActivationTanH(), WeightInit.XAVIER.getWeightInitFunction(), true));
    MultiLayerNetwork dl4j = network(DataType.FLOAT,
        new DenseLayer.Builder().nOut(64).activation(new ActivationLReLU(0.2)).build(),
        new DenseLayer.Builder().nOut(8).activation(new ActivationTanH()).build());
    dl4j.setParams(ours.params());
    assertThat(ours.getLayer(0)).isInstanceOf(DenseRuntime.class);
    INDArray x = Nd4j.randn(DataType.FLOAT, 128, 32);
    INDArray outputGradient = Nd4j.randn(DataType.FLOAT, 128, 8);

    INDArray[] expected = trainingPass(dl4j, x, outputGradient);
    INDArray[] actual = trainingPass(ours, x, outputGradient);

    // Different float32 kernels sum the 32 or 64 products in different orders: a few ulps apart.
    for (int i = 0; i < expected.length; i++) {
      double scale = expected[i].amaxNumber().doubleValue();
      assertThat(actual[i].sub(expected[i]).amaxNumber().doubleValue()).as("array %d", i)
          .isLessThanOrEqualTo(1e-5 * scale);
    }
  }

  /** Output, input gradient and parameter gradient of one training-mode pass. */
  private static INDArray[] trainingPass(MultiLayerNetwork network, INDArray x, INDArray outputGradient) {
    network.setInput(x);
    INDArray output = network.feedForward(true, false).get(2).dup();
    INDArray inputGradient = network.backpropGradient(outputGradient, LayerWorkspaceMgr.noWorkspaces())
        .getSecond().dup();
    return new INDArray[] {output, inputGradient, network.getGradientsViewArray().dup()};
  }

  private static MultiLayerNetwork network(DataType dataType, org.deeplearning4j.nn.conf.layers.Layer... layers) {
    NeuralNetConfiguration.ListBuilder builder = new NeuralNetConfiguration.Builder().seed(7).dataType(dataType)
        .weightInit(WeightInit.XAVIER).list();
    for (int i = 0; i < layers.length; i++) {
      builder.layer(layers[i]);
    }
    MultiLayerConfiguration configuration = builder.setInputType(
        org.deeplearning4j.nn.conf.inputs.InputType.feedForward(dataType == DataType.DOUBLE ? 4 : 32)).build();
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    return network;
  }
}
