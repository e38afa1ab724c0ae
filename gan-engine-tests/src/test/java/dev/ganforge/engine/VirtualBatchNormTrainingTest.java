package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganforge.core.engine.ModelException;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's side of virtual batch norm: G reads its fixed reference latent batch and D fixed real
 * samples ahead of every batch, the same ones on every step, made from the run's seed.
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
      schedule: {type: alternating, discriminatorSteps: 2}
      training: {steps: 10, batchSize: 64}
      """;

  @Test
  void bothNetworksReadTheirFixedReferenceBatchOnEveryStep() {
    GanConfig config = EngineFixtures.config(CONFIG);
    Trainer trainer = EngineFixtures.trainer(config, DataType.DOUBLE);
    INDArray latentReference = config.latent().sample(SplitMixRandom.stream(5, "reference"), DataType.DOUBLE, 32);
    INDArray realReference = DataSources.open(config.data(), 5, DataType.DOUBLE).fixedSamples(16);

    for (int step = 0; step < 3; step++) {
      trainer.iterate();
      assertThat(trainer.model().generator().getParam("0_reference").reshape(latentReference.shape()))
          .isEqualTo(latentReference);
      assertThat(trainer.model().discriminator().getParam("0_reference").reshape(realReference.shape()))
          .isEqualTo(realReference);
    }
    INDArray latent = trainer.latent(5);
    assertThat(trainer.model().sample(latent).rows()).as("samples without the reference rows").isEqualTo(5);
    assertThat(trainer.model().sample(latent.getRows(0, 1, 2)))
        .as("a sample does not depend on the others beside it")
        .isEqualTo(trainer.model().sample(latent).getRows(0, 1, 2));
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
