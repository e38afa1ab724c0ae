package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.core.engine.Trainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A generator step backpropagates through the discriminator but must not change it: not its parameters,
 * not its optimizer state, not its batch-normalization running statistics (DL4J keeps those among the
 * parameters and moves them only when an update is applied).
 */
final class DiscriminatorUntouchedTest {
  @Test
  void generatorStepsLeaveDiscriminatorParametersUpdaterStateAndNormalizationStatisticsAlone() {
    Trainer trainer = EngineFixtures.trainer(EngineFixtures.config("""
        seed: 9
        data: {type: gaussian-grid}
        latent: {size: 4}
        generator:
          layers:
            - {type: dense, units: 16}
            - {type: batch-norm}
            - {type: activation, function: relu}
            - {type: dense, units: 2}
        discriminator:
          layers:
            - {type: dense, units: 16}
            - {type: batch-norm}
            - {type: activation, function: leaky-relu}
            - {type: dense, units: 1}
          optimizer: {type: adam, learningRate: 0.01}
        loss: {type: non-saturating}
        schedule: {type: generator-only, warmup: 3}
        training: {batchSize: 16}
        """), DataType.FLOAT);
    MultiLayerNetwork discriminator = trainer.model().discriminator();
    for (int i = 0; i < 3; i++) {
      trainer.iterate(); // alternating: D's Adam moments and BN statistics are now non-trivial
    }
    INDArray parameters = discriminator.params().dup();
    INDArray updaterState = discriminator.getUpdater().getStateViewArray().dup();
    INDArray runningMean = discriminator.getLayer(1).getParam("mean").dup();
    INDArray generatorBefore = trainer.model().generator().params().dup();

    for (int i = 0; i < 3; i++) {
      trainer.iterate(); // generator steps only
    }

    assertThat(updaterState.sumNumber().doubleValue()).as("D's optimizer state was in use").isNotZero();
    assertThat(runningMean.sumNumber().doubleValue()).as("D's BN statistics were in use").isNotZero();
    assertThat(discriminator.params()).isEqualTo(parameters);
    assertThat(discriminator.getUpdater().getStateViewArray()).isEqualTo(updaterState);
    assertThat(discriminator.getLayer(1).getParam("mean")).isEqualTo(runningMean);
    assertThat(trainer.model().generator().params()).as("G was trained").isNotEqualTo(generatorBefore);
  }
}
