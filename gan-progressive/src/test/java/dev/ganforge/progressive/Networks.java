package dev.ganforge.progressive;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A small generator and discriminator at 8x8 with two levels, 4x4 and 8x8, in float64, as the engine
 * would assemble them from a config (layers named in order).
 */
final class Networks {
  static final long[] SAMPLE = {1, 8, 8};
  static final int LATENT = 3;

  private Networks() {}

  private static NeuralNetConfiguration.ListBuilder list(long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.DOUBLE)
        .updater(new Adam(1e-3))
        .convolutionMode(ConvolutionMode.Same)
        .miniBatch(false)
        .trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE)
        .list();
  }

  /** z -> dense -> 2x4x4 -> conv -> upsample -> conv -> 1x1 to-image conv. */
  static MultiLayerNetwork generator() {
    MultiLayerNetwork network = new MultiLayerNetwork(list(1)
        .layer(0, new DenseLayer.Builder().nOut(32).activation(Activation.TANH).name("g0").build())
        .layer(1, new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.TANH).name("g1").build())
        .layer(2, new Upsampling2D.Builder().size(2).name("g2").build())
        .layer(3, new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).name("g3").build())
        .layer(4, new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).name("g4").build())
        .inputPreProcessor(1, new FeedForwardToCnnPreProcessor(4, 4, 2))
        .setInputType(InputType.feedForward(LATENT))
        .build());
    network.init();
    return network;
  }

  /**
   * 1x1 from-image conv -> conv -> average pool -> conv -> dense score. With {@code linearEnd} the layers
   * after the 8x8 block are affine, so a blend of their inputs is the same blend of their outputs.
   */
  static MultiLayerNetwork discriminator(boolean linearEnd) {
    Activation end = linearEnd ? Activation.IDENTITY : Activation.LEAKYRELU;
    MultiLayerNetwork network = new MultiLayerNetwork(list(2)
        .layer(0, new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.LEAKYRELU).name("d0").build())
        .layer(1, new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.LEAKYRELU).name("d1").build())
        .layer(2, new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).name("d2").build())
        .layer(3, new ConvolutionLayer.Builder(3, 3).nOut(2).activation(end).name("d3").build())
        .layer(4, new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).name("d4").build())
        .setInputType(InputType.convolutional(8, 8, 1))
        .build());
    network.init();
    return network;
  }
}
