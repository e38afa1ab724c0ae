package dev.ganforge.layers;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

final class DropoutLayerTest {
  private static final int UNITS = 10_000;
  private static final int BATCH = 2;

  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "dropout", DropoutLayer.Provider.class);
  }

  @Test
  void configRoundTripsWithDefaults() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: dropout}", new DropoutLayer.Config(0.5));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: dropout, rate: 0.25}", new DropoutLayer.Config(0.25));
  }

  @Test
  void rateIsAProbabilityBelowOne() {
    assertThat(new DropoutLayer.Config(0.0).rate()).isZero();
    for (double rate : new double[] {1.0, -0.1, Double.NaN}) {
      assertThatThrownBy(() -> new DropoutLayer.Config(rate))
          .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("rate"));
    }
  }

  @Test
  void inTrainingDropsUnitsWithProbabilityRateAndScalesTheKeptOnes() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(UNITS), "{type: dropout, rate: 0.25}"));
    INDArray ones = Nd4j.ones(DataType.DOUBLE, BATCH, UNITS);

    double[] y = network.output(ones, true).ravel().toDoubleVector();

    long kept = Arrays.stream(y).filter(v -> v != 0).count();
    // Kept units ~ Binomial(20000, 0.75): standard deviation sqrt(0.75 * 0.25 / 20000) = 0.0031 of the
    // fraction, so 0.015 is ~5 standard deviations (a false failure about once in two million runs) and
    // still far from 0.25, what passing the rate where DL4J expects the retain probability would keep.
    assertThat((double) kept / y.length).isCloseTo(0.75, within(0.015));
    // Inverted dropout: kept units are divided by the retain probability, so the expectation is unchanged.
    assertThat(Arrays.stream(y).filter(v -> v != 0).boxed().toList())
        .allSatisfy(v -> assertThat(v).isCloseTo(1 / 0.75, within(1e-12)));
  }

  @Test
  void atInferenceIsTheIdentity() {
    MultiLayerNetwork network = build(assemble(InputType.feedForward(100), "{type: dropout, rate: 0.25}"));
    INDArray x = gaussian(51, 3, 100);

    assertThat(network.output(x, false).toDoubleMatrix()).isDeepEqualTo(x.toDoubleMatrix());
  }
}
