package dev.ganforge.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.Nd4jCpu;

/**
 * With {@link LayerHelpers#enable}, float convolutions and batch norms run through oneDNN, and compute
 * what DL4J's own float64 implementation computes.
 */
final class LayerHelpersTest {
  private static MultiLayerNetwork network(DataType type) {
    MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
        .seed(7).dataType(type).trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
        .convolutionMode(ConvolutionMode.Same).list()
        .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(8).activation(Activation.LEAKYRELU).build())
        .layer(new BatchNormalization.Builder().build())
        .setInputType(InputType.convolutional(12, 12, 3)).build());
    network.init();
    return network;
  }

  @Test
  void floatConvolutionAndBatchNormRunThroughOneDnnAndMatchFloat64() {
    assumeThat(Nd4jCpu.Environment.getInstance().isUseMKLDNN())
        .as("this native build has no oneDNN (build the default -onednn variant)").isTrue();
    // the reference: DL4J's own implementation (helpers off while it is built), in float64
    System.setProperty(LayerHelpers.DISABLE_PROPERTY, "true");
    MultiLayerNetwork reference = network(DataType.DOUBLE);
    System.clearProperty(LayerHelpers.DISABLE_PROPERTY);
    LayerHelpers.enable();
    MultiLayerNetwork fast = network(DataType.FLOAT);
    reference.setParams(fast.params().castTo(DataType.DOUBLE));

    assertThat(fast.getLayer(0).getHelper()).isInstanceOf(MKLDNNConvHelper.class);
    assertThat(fast.getLayer(1).getHelper()).isInstanceOf(MKLDNNBatchNormHelper.class);
    assertThat(reference.getLayer(0).getHelper()).isNull();

    INDArray input = Nd4j.rand(DataType.DOUBLE, 5, 3, 12, 12).subi(0.5);
    INDArray errors = Nd4j.rand(DataType.DOUBLE, 5, 8, 6, 6).subi(0.5);
    INDArray expected = reference.output(input, true);
    INDArray actual = fast.output(input.castTo(DataType.FLOAT), true).castTo(DataType.DOUBLE);
    // float32 rounding over 48-term sums and a normalization: about 1e-6 relative; 1e-4 leaves margin
    assertThat(relativeError(actual, expected)).isLessThan(1e-4);

    reference.setInput(input);
    reference.feedForward(true, false);
    INDArray expectedGradient = reference.backpropGradient(errors, null).getFirst().gradient();
    fast.setInput(input.castTo(DataType.FLOAT));
    fast.feedForward(true, false);
    INDArray actualGradient = fast.backpropGradient(errors.castTo(DataType.FLOAT), null).getFirst().gradient();
    assertThat(relativeError(actualGradient.castTo(DataType.DOUBLE), expectedGradient)).isLessThan(1e-4);
  }

  private static double relativeError(INDArray actual, INDArray expected) {
    return actual.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
  }
}
