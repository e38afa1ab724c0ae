package dev.ganforge.layers;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

final class BatchNormalizationLayerTest {
  private static final double EPSILON = 1e-5;

  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "batch-norm", BatchNormalizationLayer.Provider.class);
  }

  @Test
  void configRoundTripsWithDefaults() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: batch-norm}",
        new BatchNormalizationLayer.Config(0.9, 1e-5));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: batch-norm, decay: 0.99, epsilon: 0.001}",
        new BatchNormalizationLayer.Config(0.99, 0.001));
  }

  @Test
  void decayAndEpsilonReachDl4j() {
    MultiLayerNetwork network =
        build(assemble(InputType.feedForward(3), "{type: batch-norm, decay: 0.99, epsilon: 0.001}"));
    BatchNormalization layer =
        (BatchNormalization) network.getLayerWiseConfigurations().getConf(0).getLayer();

    assertThat(layer.getDecay()).isEqualTo(0.99);
    assertThat(layer.getEps()).isEqualTo(0.001);
  }

  @Test
  void inTrainingNormalisesEachChannelWithItsBatchMeanAndVariance() {
    MultiLayerNetwork network = build(assemble(InputType.convolutional(4, 4, 3), "{type: batch-norm}"));
    // Channel c has mean 10 c - 3 and standard deviation c + 1, so a per-image or global normalisation fails.
    INDArray x = gaussian(11, 5, 3, 4, 4);
    for (int c = 0; c < 3; c++) {
      x.get(all(), point(c)).muli(c + 1).addi(10 * c - 3);
    }

    INDArray y = network.output(x, true);

    for (int c = 0; c < 3; c++) {
      INDArray channel = x.get(all(), point(c));
      double mean = channel.meanNumber().doubleValue();
      double variance = biasedVariance(channel);
      INDArray expected = channel.sub(mean).divi(Math.sqrt(variance + EPSILON));
      INDArray normalised = y.get(all(), point(c));

      assertThat(normalised.ravel().toDoubleVector())
          .containsExactly(expected.ravel().toDoubleVector(), within(1e-10));
      assertThat(normalised.meanNumber().doubleValue()).isCloseTo(0.0, within(1e-12));
      assertThat(biasedVariance(normalised)).isCloseTo(1.0, within(EPSILON / variance + 1e-12));
    }
  }

  @Test
  void inTrainingNormalisesEachUnitOfAVector() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(3), "{type: batch-norm}"));
    INDArray x = gaussian(12, 8, 3).muliRowVector(Nd4j.createFromArray(1.0, 5.0, 0.2))
        .addiRowVector(Nd4j.createFromArray(-4.0, 0.0, 7.0));

    INDArray y = network.output(x, true);

    INDArray variance = x.var(false, 0);
    INDArray expectedVariance = variance.div(variance.add(EPSILON)); // 1 but for epsilon
    assertThat(y.mean(0).toDoubleVector()).containsExactly(new double[] {0, 0, 0}, within(1e-12));
    assertThat(y.var(false, 0).toDoubleVector()).containsExactly(expectedVariance.toDoubleVector(), within(1e-10));
  }

  /** The mean squared deviation from the mean: batch norm divides by the count, not the count minus one. */
  private static double biasedVariance(INDArray values) {
    INDArray deviation = values.sub(values.meanNumber());
    return deviation.mul(deviation).meanNumber().doubleValue();
  }
}
