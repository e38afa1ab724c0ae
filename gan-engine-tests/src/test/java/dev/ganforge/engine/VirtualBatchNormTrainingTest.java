package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganforge.core.engine.ModelException;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.random.SplitMixRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's side of virtual batch norm: at the start of every step, G records the statistics of its
 * fixed reference latent batch and D those of fixed real samples, through the weights of that moment.
 */
final class VirtualBatchNormTrainingTest {
  private static final String CONFIG = """
      seed: 5
      data: {type: gaussian-ring}
      latent: {size: 4}
      generator:
        layers:
          - {type: dense, units: 8, activation: relu}
          - {type: virtual-batch-norm, referenceSize: 32}
          - {type: dense, units: 2}
      discriminator:
        layers:
          - {type: dense, units: 8, activation: leaky-relu}
          - {type: virtual-batch-norm, referenceSize: 16}
          - {type: dense, units: 1}
      loss: {type: non-saturating}
      training: {steps: 10, batchSize: 64}
      """;

  @Test
  void eachStepRecordsTheReferenceBatchesThroughTheWeightsItStartsWith() {
    GanConfig config = EngineFixtures.config(CONFIG);
    Trainer trainer = EngineFixtures.trainer(config, DataType.DOUBLE);
    INDArray latentReference = config.latent().sample(SplitMixRandom.stream(5, "reference"), DataType.DOUBLE, 32);
    INDArray realReference = DataSources.open(config.data(), 5, DataType.DOUBLE).fixedSamples(16);

    for (int step = 0; step < 3; step++) {
      MultiLayerNetwork generatorBefore = trainer.model().generator().clone();
      MultiLayerNetwork discriminatorBefore = trainer.model().discriminator().clone();
      trainer.iterate();

      assertRecorded(trainer.model().generator(), generatorBefore.feedForwardToLayer(0, latentReference).get(1));
      assertRecorded(trainer.model().discriminator(), discriminatorBefore.feedForwardToLayer(0, realReference).get(1));
    }
  }

  private static void assertRecorded(MultiLayerNetwork network, INDArray reaching) {
    INDArray mean = reaching.mean(0);
    INDArray variance = reaching.var(false, 0);
    assertThat(network.getParam("1_referenceMean").reshape(mean.shape()).sub(mean).amaxNumber().doubleValue())
        .isLessThan(1e-12);
    assertThat(network.getParam("1_referenceVariance").reshape(variance.shape()).sub(variance).amaxNumber()
        .doubleValue()).isLessThan(1e-12);
  }

  @Test
  void aConditionalModelIsRefusedWithTheReason() {
    String conditional = CONFIG.replace("{type: gaussian-ring}", "{type: gaussian-ring, labelled: true}")
        .replace("    - {type: dense, units: 8, activation: relu}",
            "    - {type: label-embedding}\n    - {type: dense, units: 8, activation: relu}");

    assertThatThrownBy(() -> EngineFixtures.trainer(EngineFixtures.config(conditional), DataType.DOUBLE))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("virtual-batch-norm cannot be used in a conditional model yet");
  }
}
