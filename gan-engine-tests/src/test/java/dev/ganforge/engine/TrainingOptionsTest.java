package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.core.config.ConfigException;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.optimizer.LearningRateSchedule;
import dev.ganforge.core.random.SplitMixRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** The engine's training options: learning-rate schedules, PacGAN packing, generator EMA, unrolling, threads. */
final class TrainingOptionsTest {
  private static final String BASE = """
      seed: 8
      data: {type: gaussian-grid}
      latent: {size: 4}
      generator:
        layers:
          - {type: dense, units: 16, activation: relu}
          - {type: dense, units: 2}
        optimizer: {type: adam, learningRate: 0.001}
        %s
      discriminator:
        layers:
          - {type: dense, units: 16, activation: leaky-relu}
          - {type: dense, units: 1}
        optimizer: {type: adam, learningRate: 0.002}
      loss: {type: non-saturating}
      %s
      training: {steps: 10, batchSize: 8%s}
      """;

  private static GanConfig config(String generatorExtra, String schedule, String trainingExtra) {
    return EngineFixtures.config(BASE.formatted(generatorExtra, schedule, trainingExtra));
  }

  @Test
  void learningRateScheduleFactorsFollowTheirClosedForms() {
    LearningRateSchedule linear = new LearningRateSchedule(4, LearningRateSchedule.Decay.LINEAR, 10, 0.2, null, null);
    assertThat(linear.factor(0, 21)).isCloseTo(0.25, within(1e-12)); // warm-up (0 + 1) / 4
    assertThat(linear.factor(3, 21)).isCloseTo(1.0, within(1e-12));
    assertThat(linear.factor(10, 21)).isCloseTo(1.0, within(1e-12)); // decay starts at 1
    assertThat(linear.factor(15, 21)).isCloseTo(0.6, within(1e-12)); // halfway from 10 to 20
    assertThat(linear.factor(20, 21)).isCloseTo(0.2, within(1e-12)); // the last step
    assertThat(new LearningRateSchedule(4, LearningRateSchedule.Decay.LINEAR, null, 0.0, null, null).decayStart())
        .as("decay starts when warm-up ends").isEqualTo(4);
    LearningRateSchedule step = new LearningRateSchedule(null, LearningRateSchedule.Decay.STEP, 100, null, 50, 0.5);
    assertThat(step.factor(99, 1000)).isEqualTo(1.0);
    assertThat(step.factor(149, 1000)).isEqualTo(1.0);
    assertThat(step.factor(150, 1000)).isEqualTo(0.5);
    assertThat(step.factor(260, 1000)).isEqualTo(0.125);
  }

  @Test
  void theTrainerAppliesEachNetworksScheduleOnTopOfItsOwnRate() {
    Trainer trainer = EngineFixtures.trainer(config(
        "learningRateSchedule: {decay: linear, finalFactor: 0.1}", "", ""), DataType.FLOAT);
    trainer.iterate();
    assertThat(learningRates(trainer)).containsExactly(new double[] {0.002, 0.001}, within(1e-15));
    for (int i = 1; i < 10; i++) {
      trainer.iterate();
    }
    // Step 9 of 10: the generator's factor has reached 0.1; the discriminator keeps its rate (TTUR).
    assertThat(learningRates(trainer)).containsExactly(new double[] {0.002, 0.0001}, within(1e-15));
  }

  /** The rates DL4J's updaters use now: {@code [discriminator, generator]}. */
  private static double[] learningRates(Trainer trainer) {
    return new double[] {trainer.model().discriminator().getLearningRate(0),
        trainer.model().generator().getLearningRate(0)};
  }

  @Test
  void decayDuringWarmUpIsRejected() {
    assertThatThrownBy(() -> config("learningRateSchedule: {warmupSteps: 100, decay: linear, decayStart: 50}", "", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("generator.learningRateSchedule.decayStart")
        .hasMessageContaining("set decayStart to at least 100");
  }

  @Test
  void stepDecayWithoutIntervalIsRejectedNamingTheField() {
    assertThatThrownBy(() -> config("learningRateSchedule: {decay: step}", "", ""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("generator.learningRateSchedule.stepEvery")
        .hasMessageContaining("step decay needs stepEvery");
  }

  @Test
  void packingWidensTheDiscriminatorInputAndRejectsBatchesItDoesNotDivide() {
    Trainer trainer = EngineFixtures.trainer(config("", "", ", pack: 4"), DataType.FLOAT);
    assertThat(trainer.model().discriminator().layerInputSize(0)).isEqualTo(8); // 4 samples x 2 coordinates
    assertThat(trainer.iterate().get("loss/discriminator")).isFinite();

    assertThatThrownBy(() -> config("", "", ", pack: 3"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("training.pack")
        .hasMessageContaining("batchSize 8 is not a multiple of pack 3");
  }

  @Test
  void generatorAverageFollowsTheEmaRecurrenceAndFeedsTheSamples() {
    Trainer trainer = EngineFixtures.trainer(config("", "", ", ema: {decay: 0.5}"), DataType.DOUBLE);
    MultiLayerNetwork generator = trainer.model().generator();
    MultiLayerNetwork average = trainer.model().samplingGenerator();
    assertThat(average).isNotSameAs(generator);
    INDArray expected = generator.params().dup();
    for (long update = 0; update < 30; update++) {
      trainer.iterate();
      double decay = Math.min(0.5, (1.0 + update) / (10.0 + update)); // bias-free warm-up, then 0.5
      expected.muli(decay).addi(generator.params().mul(1 - decay));
    }
    assertThat(average.params().sub(expected).amaxNumber().doubleValue()).isLessThan(1e-12);
    assertThat(average.params().equalsWithEps(generator.params(), 1e-6)).as("average lags the weights").isFalse();

    INDArray z = trainer.latent(5);
    assertThat(trainer.model().sample(z)).isEqualTo(average.output(z, false));
  }

  /**
   * State no optimizer trains is copied into the average, not averaged (Karras et al.'s code: a moving
   * average with beta 0 for non-trainable variables): here BatchNorm's running mean and variance.
   */
  @Test
  void generatorAverageCopiesTheGeneratorsStateInsteadOfAveragingIt() {
    Trainer trainer = EngineFixtures.trainer(EngineFixtures.config(BASE.formatted("", "", ", ema: {decay: 0.9}")
        .replace("activation: relu}\n    - {type: dense, units: 2}",
            "activation: relu}\n    - {type: batch-norm}\n    - {type: dense, units: 2}")), DataType.DOUBLE);
    for (int step = 0; step < 5; step++) {
      trainer.iterate();
    }
    org.deeplearning4j.nn.api.Layer live = trainer.model().generator().getLayer(1);
    org.deeplearning4j.nn.api.Layer averaged = trainer.model().samplingGenerator().getLayer(1);
    // gamma and beta are trained; the running mean and the variance (or DL4J's log10 of the standard
    // deviation) are statistics.
    assertThat(live.paramTable().keySet()).contains("gamma", "beta", "mean").hasSize(4);
    for (String key : live.paramTable().keySet()) {
      if (key.equals("gamma") || key.equals("beta")) {
        assertThat(averaged.getParam(key).equalsWithEps(live.getParam(key), 1e-9)).as(key + ": averaged").isFalse();
      } else {
        assertThat(averaged.getParam(key)).as(key + ": copied").isEqualTo(live.getParam(key));
      }
    }
  }

  @Test
  void unrollingRestoresTheDiscriminatorAndChangesOnlyTheGeneratorsStep() {
    Trainer plain = EngineFixtures.trainer(config("", "", ""), DataType.DOUBLE);
    Trainer unrolled = EngineFixtures.trainer(
        config("", "schedule: {type: unrolled, unrollSteps: 3}", ""), DataType.DOUBLE);
    plain.iterate();
    unrolled.iterate();

    // Both D's took the same one real update from the same start; the look-ahead left no trace in
    // D's parameters or Adam state.
    assertThat(unrolled.model().discriminator().params()).isEqualTo(plain.model().discriminator().params());
    assertThat(unrolled.model().discriminator().getUpdater().getStateViewArray())
        .isEqualTo(plain.model().discriminator().getUpdater().getStateViewArray());
    // G saw a different D (three steps further on): its update differs.
    assertThat(unrolled.model().generator().params().equalsWithEps(plain.model().generator().params(), 1e-9))
        .isFalse();
    assertThat(unrolled.state().discriminatorUpdates()).isEqualTo(1);
  }

  @Test
  void featureMatchingGradientReachesTheGeneratorThroughAnIntermediateLayer() {
    // SGD at rate 1: G's update is its gradient. Compare with central differences of the loss as a
    // function of G's parameters, computed here from D's layer-0 output directly.
    GanConfig config = EngineFixtures.config("""
        seed: 12
        data: {type: gaussian-grid}
        latent: {size: 3}
        generator:
          layers:
            - {type: dense, units: 6, activation: tanh}
            - {type: dense, units: 2}
          optimizer: {type: sgd, learningRate: 1.0}
        discriminator:
          layers:
            - {type: dense, units: 5, activation: softplus}
            - {type: dense, units: 1}
        loss: {type: feature-matching, layer: 0}
        training: {batchSize: 4}
        """);
    Trainer trainer = EngineFixtures.trainer(config, DataType.DOUBLE);
    MultiLayerNetwork generator = trainer.model().generator();
    INDArray before = generator.params().dup();
    SplitMixRandom latent = new SplitMixRandom(trainer.state().latentRandom());
    INDArray z = config.latent().sample(latent, DataType.DOUBLE, 4);
    trainer.iterate();
    INDArray update = before.sub(generator.params());

    MultiLayerNetwork discriminator = trainer.model().discriminator();
    // The real batch of step 0 is the one D saw: recover its mean features from a fresh data stream.
    DataSource data = DataSources.open(config.data(), config.seed(), DataType.DOUBLE);
    INDArray realMean = layerZero(discriminator, data.next(4).features()).mean(0);
    MultiLayerNetwork probe = generator.clone();
    double h = 1e-6;
    for (long i = 0; i < before.length(); i++) {
      double[] values = new double[2];
      for (int side = 0; side < 2; side++) {
        INDArray shifted = before.dup();
        shifted.putScalar(i, before.getDouble(i) + (side == 0 ? h : -h));
        probe.setParams(shifted);
        INDArray difference = layerZero(discriminator, probe.output(z, true)).mean(0).sub(realMean);
        values[side] = difference.mul(difference).sumNumber().doubleValue();
      }
      assertThat(update.getDouble(i)).as("parameter " + i).isCloseTo((values[0] - values[1]) / (2 * h), within(1e-7));
    }
    assertThat(update.norm2Number().doubleValue()).isGreaterThan(1e-6);
  }

  @Test
  void threadsSetsEveryNativeThreadPoolForTheRunAndItsAbsenceRestoresTheDefaults() {
    EngineFixtures.trainer(config("", "", ""), DataType.FLOAT);
    int[] defaults = nativeThreadCounts();
    int threads = defaults[0] == 1 ? 2 : 1;

    EngineFixtures.trainer(config("", "", ", threads: " + threads), DataType.FLOAT);
    assertThat(nativeThreadCounts()).as("libnd4j loops, OpenMP, BLAS").containsOnly(threads);

    EngineFixtures.trainer(config("", "", ""), DataType.FLOAT);
    assertThat(nativeThreadCounts()).containsExactly(defaults);
  }

  @Test
  void threadsMustBePositive() {
    assertThatThrownBy(() -> config("", "", ", threads: 0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("training.threads")
        .hasMessageContaining("must be positive, got 0");
  }

  private static int[] nativeThreadCounts() {
    return new int[] {Nd4j.getEnvironment().maxMasterThreads(),
        NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(), Nd4j.factory().blas().getMaxThreads()};
  }

  private static INDArray layerZero(MultiLayerNetwork discriminator, INDArray input) {
    return discriminator.feedForwardToLayer(0, input, true).get(1);
  }
}
