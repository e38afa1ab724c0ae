package dev.ganforge.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.NetworkRole;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The trainable view leaves out what DL4J keeps among the parameters without an optimizer. */
final class NetworkParametersViewTest {
  @Test
  void batchNormRunningStatisticsAreParametersButNotTrainable() {
    MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .list()
        .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
        .layer(new BatchNormalization.Builder().nOut(4).build())
        .build());
    network.init();
    NetworkParametersView view = new NetworkParametersView(NetworkRole.DISCRIMINATOR, network);

    List<INDArray> trainable = view.trainable();
    INDArray mask = view.trainableMask();

    // dense W (12) and b (4), BN gamma and beta (4 + 4); the running mean and statistic (4 + 4) are not.
    assertThat(view.all().length()).isEqualTo(32);
    assertThat(trainable).extracting(INDArray::length).containsExactly(12L, 4L, 4L, 4L);
    assertThat(mask.sumNumber().intValue()).isEqualTo(24);
    assertThat(mask.reshape(32).toDoubleVector()).as("the running statistics come last in BN's parameters")
        .containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    trainable.get(0).assign(7);
    assertThat(network.getLayer(0).getParam("W").minNumber().doubleValue()).as("views, not copies").isEqualTo(7);
  }
}
