package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.core.engine.ModelException;
import dev.ganforge.core.engine.Trainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * StyleGAN2's correction for lazy regularization: with R1 every 16 steps, D's Adam runs at 16/17 of its
 * learning rate with both betas raised to 16/17 (Karras et al. 2020's training loop: mb_ratio = k/(k+1),
 * lr *= mb_ratio, betas = beta ** mb_ratio); G, not regularized, keeps its optimizer as written.
 */
final class LazyRegularizationTest {
  private static final String CONFIG = """
      seed: 1
      data: {type: gaussian-ring}
      latent: {size: 4}
      generator:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2}]
        optimizer: {type: adam, learningRate: 0.0025, beta1: 0.0, beta2: 0.99}
      discriminator:
        layers: [{type: dense, units: 8, activation: leaky-relu}, {type: dense, units: 1}]
        optimizer: {type: adam, learningRate: 0.0025, beta1: 0.5, beta2: 0.99}
      loss: {type: non-saturating}
      regularizers: [REGULARIZERS]
      training: {batchSize: 16}
      """;

  @Test
  void aLazilyRegularizedNetworksAdamIsCorrectedAsInStyleGan2() {
    Trainer trainer = EngineFixtures.trainer(
        EngineFixtures.config(CONFIG.replace("REGULARIZERS", "{type: r1, gamma: 1, every: 16}")), DataType.DOUBLE);
    trainer.iterate();

    double ratio = 16.0 / 17.0;
    Adam discriminator = adam(trainer.model().discriminator());
    assertThat(discriminator.getLearningRate()).isCloseTo(0.0025 * ratio, within(1e-15));
    assertThat(discriminator.getBeta1()).isCloseTo(Math.pow(0.5, ratio), within(1e-15));
    assertThat(discriminator.getBeta2()).isCloseTo(Math.pow(0.99, ratio), within(1e-15));
    Adam generator = adam(trainer.model().generator());
    assertThat(generator.getLearningRate()).isEqualTo(0.0025);
    assertThat(generator.getBeta1()).isEqualTo(0.0);
    assertThat(generator.getBeta2()).isEqualTo(0.99);
  }

  @Test
  void aRegularizerEveryStepChangesNothing() {
    Trainer trainer = EngineFixtures.trainer(
        EngineFixtures.config(CONFIG.replace("REGULARIZERS", "{type: r1, gamma: 1}")), DataType.DOUBLE);

    assertThat(adam(trainer.model().discriminator()).getLearningRate()).isEqualTo(0.0025);
    assertThat(adam(trainer.model().discriminator()).getBeta1()).isEqualTo(0.5);
  }

  @Test
  void twoIntervalsOnOneNetworkAreRefused() {
    String config = CONFIG.replace("REGULARIZERS",
        "{type: r1, gamma: 1, every: 16}, {type: gradient-penalty, every: 4}");

    assertThatThrownBy(() -> EngineFixtures.trainer(EngineFixtures.config(config), DataType.DOUBLE))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("lazy regularizers every 16 and every 4 steps");
  }

  private static Adam adam(MultiLayerNetwork network) {
    return (Adam) network.getLayer(0).conf().getLayer().getUpdaterByParam("W");
  }
}
