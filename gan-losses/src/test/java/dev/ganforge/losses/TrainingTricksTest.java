package dev.ganforge.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.regularizer.Critic;
import dev.ganforge.api.regularizer.Penalty;
import dev.ganforge.api.regularizer.RegularizationStep;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.core.testing.TestRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Instance noise and historical averaging: discovery, configs, and what each promises, in closed form. */
final class TrainingTricksTest {

  @ParameterizedTest
  @ValueSource(strings = {"instance-noise", "historical-averaging"})
  void isDiscoveredByServiceLoader(String type) {
    assertThat(PluginContracts.assertDiscovered(PluginKind.REGULARIZER, type, Object.class).origin())
        .isEqualTo("gan-losses");
  }

  @Test
  void configsRoundTripWithDefaults() {
    PluginContracts.assertRoundTrip(RegularizerConfig.class, "{type: instance-noise, stddev: 0.5, annealSteps: 100}",
        new InstanceNoise.Config(0.5, 100));
    PluginContracts.assertRoundTrip(RegularizerConfig.class, "{type: historical-averaging, network: generator}",
        new HistoricalAveraging.Config(1e-3, null, NetworkRole.GENERATOR, 1));
  }

  @Test
  void instanceNoiseHasTheConfiguredSpreadAndAnnealsLinearlyToZero() {
    InstanceNoise noise = new InstanceNoise(new InstanceNoise.Config(0.5, 100));
    INDArray batch = Nd4j.zeros(DataType.DOUBLE, 20_000, 2);
    RandomSource random = new TestRandom(3);

    // Sample standard deviation of 40,000 normals: relative standard error 1/sqrt(2 * 40000) = 0.35%.
    assertThat(noise.discriminatorInput(batch, true, 0, random).stdNumber().doubleValue())
        .isCloseTo(0.5, within(0.01));
    assertThat(noise.discriminatorInput(batch, false, 50, random).stdNumber().doubleValue())
        .isCloseTo(0.25, within(0.005));
    assertThat(noise.discriminatorInput(batch, true, 100, random)).isEqualTo(batch);
    assertThat(noise.discriminatorInput(batch, true, 5_000, random)).isEqualTo(batch);
    assertThat(batch.sumNumber().doubleValue()).as("input untouched").isZero();
  }

  @Test
  void historicalAveragingPenalisesDistanceFromTheMeanOfPastParameters() {
    HistoricalAveraging averaging = new HistoricalAveraging(new HistoricalAveraging.Config(0.5, null, null, 1));
    INDArray theta = Nd4j.createFromArray(1.0, 2.0).reshape(1, 2);
    assertThat(averaging.penalty(step(theta)).value()).as("no history yet").isZero();

    averaging.afterUpdate(parameters(theta), 0); // past: (1, 2)
    theta.assign(Nd4j.createFromArray(3.0, 2.0).reshape(1, 2));
    averaging.afterUpdate(parameters(theta), 1); // past: (1, 2), (3, 2): mean (2, 2)
    theta.assign(Nd4j.createFromArray(5.0, 0.0).reshape(1, 2));

    Penalty penalty = averaging.penalty(step(theta));
    // 0.5 * |(5, 0) - (2, 2)|^2 = 0.5 * 13; gradient 2 * 0.5 * (3, -2).
    assertThat(penalty.value()).isCloseTo(6.5, within(1e-12));
    assertThat(penalty.parameterGradient().orElseThrow().toDoubleVector())
        .containsExactly(new double[] {3, -2}, within(1e-12));

    HistoricalAveraging resumed = new HistoricalAveraging(new HistoricalAveraging.Config(0.5, null, null, 1));
    Map<String, INDArray> saved = averaging.state();
    resumed.restoreState(saved);
    theta.assign(Nd4j.createFromArray(4.0, 4.0).reshape(1, 2));
    averaging.afterUpdate(parameters(theta), 2);
    resumed.afterUpdate(parameters(theta), 2);
    assertThat(resumed.penalty(step(theta)).value()).as("restored state continues identically")
        .isEqualTo(averaging.penalty(step(theta)).value());
  }

  @Test
  void movingAverageVariantWeighsRecentParametersMore() {
    HistoricalAveraging averaging = new HistoricalAveraging(new HistoricalAveraging.Config(1.0, 0.9, null, 1));
    INDArray theta = Nd4j.createFromArray(0.0).reshape(1, 1);
    averaging.afterUpdate(parameters(theta), 0);
    theta.assign(10.0);
    averaging.afterUpdate(parameters(theta), 1); // average 0 + 0.1 * 10 = 1
    assertThat(averaging.penalty(step(theta)).value()).isCloseTo(81, within(1e-12));
  }

  /** A network replaced by a grown one (progressive growing) has other parameters: the average restarts. */
  @Test
  void historicalAveragingStartsOverForAGrownNetwork() {
    HistoricalAveraging averaging = new HistoricalAveraging(new HistoricalAveraging.Config(0.5, null, null, 1));
    averaging.afterUpdate(parameters(Nd4j.createFromArray(1.0, 2.0).reshape(1, 2)), 0);
    INDArray grown = Nd4j.createFromArray(1.0, 2.0, 3.0).reshape(1, 3);
    assertThat(averaging.penalty(step(grown)).value()).as("no history of this network yet").isZero();

    averaging.afterUpdate(parameters(grown), 1);
    INDArray moved = Nd4j.createFromArray(2.0, 2.0, 3.0).reshape(1, 3);
    assertThat(averaging.penalty(step(moved)).value()).isCloseTo(0.5, within(1e-12)); // 0.5 * |(1, 0, 0)|^2
  }

  @Test
  void historicalAveragingPenalizesTrainableParametersOnly() {
    HistoricalAveraging averaging = new HistoricalAveraging(new HistoricalAveraging.Config(0.5, null, null, 1));
    INDArray theta = Nd4j.createFromArray(1.0, 1.0).reshape(1, 2);
    // The second entry stands for a running statistic: no penalty on it, no gradient into it.
    INDArray trainable = Nd4j.createFromArray(1.0, 0.0).reshape(1, 2);
    averaging.afterUpdate(new FlatParameters(theta, trainable), 0);
    theta.assign(Nd4j.createFromArray(3.0, 5.0).reshape(1, 2));

    Penalty penalty = averaging.penalty(stepOver(new FlatParameters(theta, trainable)));

    assertThat(penalty.value()).isCloseTo(0.5 * 4, within(1e-12));
    assertThat(penalty.parameterGradient().orElseThrow().toDoubleVector())
        .containsExactly(new double[] {2, 0}, within(1e-12));
  }

  private static NetworkParameters parameters(INDArray flattened) {
    return FlatParameters.of(flattened);
  }


  private static RegularizationStep step(INDArray flattened) {
    return stepOver(parameters(flattened));
  }

  private static RegularizationStep stepOver(NetworkParameters parameters) {
    return new RegularizationStep() {
      @Override
      public long step() {
        return 0;
      }

      @Override
      public INDArray realBatch() {
        throw new UnsupportedOperationException();
      }

      @Override
      public INDArray fakeBatch() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Critic critic() {
        throw new UnsupportedOperationException();
      }

      @Override
      public NetworkParameters parameters() {
        return parameters;
      }

      @Override
      public RandomSource random() {
        return new TestRandom(1);
      }
    };
  }
}
