package dev.ganforge.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** FLOP counts against the multiply-adds written out by hand. */
final class NetworkFlopsTest {
  @Test
  void countsTheMultiplyAddsOfDenseConvolutionAndTransposedConvolutionLayers() {
    MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT).convolutionMode(ConvolutionMode.Same).list()
        .layer(new DenseLayer.Builder().nOut(3 * 7 * 7).build())                       // 10 -> 147
        .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).nOut(5).build())         // 3x7x7 -> 5x14x14
        .layer(new BatchNormalization.Builder().build())
        .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(6).build())         // 5x14x14 -> 6x7x7
        .inputPreProcessor(1, new org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor(7, 7, 3))
        .setInputType(InputType.feedForward(10)).build());
    network.init();
    int batch = 4;

    NetworkFlops.Count count = NetworkFlops.forward(network, Nd4j.rand(DataType.FLOAT, batch, 10));

    double dense = batch * 10.0 * 147;
    double deconvolution = batch * (7 * 7) * 3.0 * 5 * (4 * 4);   // every input pixel, every kernel tap
    double convolution = batch * (7 * 7) * 5.0 * 6 * (3 * 3);     // every output pixel, every kernel tap
    assertThat(count.flops()).isEqualTo(2 * (dense + deconvolution + convolution));
    assertThat(count.uncounted()).isEmpty();
  }

  @Test
  void anIterationCountsForwardOnceAndBackwardTwiceForEachPass() {
    // one D step (G forward, D on real and fake: forward + backward each) and one G step reusing the fakes
    // (D forward + backward, G backward): D 3 + 6 = 9 forwards' worth, G 1 + 2 = 3
    assertThat(NetworkFlops.iteration(10, 100, 1, 1, true)).isEqualTo(3 * 10 + 9 * 100);
    // without reuse G runs forward again for its step
    assertThat(NetworkFlops.iteration(10, 100, 1, 1, false)).isEqualTo(4 * 10 + 9 * 100);
    // five critic steps: five G forwards, 5 x 6 D passes, then the G step
    assertThat(NetworkFlops.iteration(10, 100, 5, 1, true)).isEqualTo(7 * 10 + 33 * 100);
  }
}
