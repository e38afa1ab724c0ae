package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.Scores;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.random.SplitMixRandom;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.core.testing.TestRandom;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The generator's gradient, as the engine chains it through the discriminator, against central finite
 * differences of the generator loss in float64.
 *
 * <p>With plain SGD at learning rate 1 (and no division by the batch size, as the engine configures
 * networks), the generator's parameter change in one iteration is exactly minus the engine's gradient.
 * The reference differentiates L(theta) = loss(D1(G_theta(z))) numerically, with D1 the discriminator
 * after the iteration's D step (the G step leaves it unchanged) and z the D step's latent codes, which
 * the G step reuses. Step 1e-6 in float64: truncation ~1e-12, rounding ~1e-10, so 1e-6 relative error
 * (plus 1e-9 absolute for near-zero entries) fails any real mistake and passes any correct chain.
 */
final class GeneratorGradientTest {
  private static final double STEP = 1e-6;

  @Test
  void mlpGeneratorGradientThroughTheDiscriminatorMatchesFiniteDifferences() {
    assertGeneratorGradientMatches(EngineFixtures.config("""
        seed: 3
        data: {type: gaussian-ring}
        latent: {size: 4}
        generator:
          layers:
            - {type: dense, units: 8, activation: tanh}
            - {type: dense, units: 2}
          optimizer: {type: sgd, learningRate: 1.0}
        discriminator:
          layers:
            - {type: dense, units: 8, activation: leaky-relu}
            - {type: dense, units: 8, activation: softplus}
            - {type: dense, units: 1}
          optimizer: {type: adam, learningRate: 0.01}
        loss: {type: non-saturating}
        training: {batchSize: 6}
        """));
  }

  @Test
  void packedDiscriminatorPassesTheGradientBackToEverySample() {
    // PacGAN with pack 3: D scores 2 packs of 3 concatenated samples, each pack is [6] wide.
    assertGeneratorGradientMatches(EngineFixtures.config("""
        seed: 4
        data: {type: gaussian-grid}
        latent: {size: 4}
        generator:
          layers:
            - {type: dense, units: 8, activation: tanh}
            - {type: dense, units: 2}
          optimizer: {type: sgd, learningRate: 1.0}
        discriminator:
          layers:
            - {type: dense, units: 8, activation: softplus}
            - {type: dense, units: 1}
          optimizer: {type: adam, learningRate: 0.01}
        loss: {type: non-saturating}
        training: {batchSize: 6, pack: 3}
        """));
  }

  @Test
  void convolutionalGeneratorGradientMatchesFiniteDifferences(@TempDir Path images) throws IOException {
    EngineFixtures.writeImages(images, 6, 8);
    assertGeneratorGradientMatches(EngineFixtures.config("""
        seed: 5
        data: {type: image-folder, path: %s, size: 8, channels: 1}
        latent: {size: 3}
        generator:
          layers:
            - {type: dense, units: 32, activation: tanh}
            - {type: reshape, shape: [2, 4, 4]}
            - {type: deconv2d, filters: 1, kernel: 4, stride: 2, activation: tanh}
          optimizer: {type: sgd, learningRate: 1.0}
        discriminator:
          layers:
            - {type: conv2d, filters: 2, kernel: 3, stride: 2, activation: softplus}
            - {type: flatten}
            - {type: dense, units: 1}
          optimizer: {type: adam, learningRate: 0.01}
        loss: {type: hinge}
        training: {batchSize: 3}
        """.formatted(images)));
  }

  /** Runs one iteration and compares G's update with the numeric gradient of every G parameter. */
  static void assertGeneratorGradientMatches(GanConfig config) {
    Trainer trainer = EngineFixtures.trainer(config, DataType.DOUBLE);
    MultiLayerNetwork generator = trainer.model().generator();
    INDArray before = generator.params().dup();
    SplitMixRandom latentStream = new SplitMixRandom(trainer.state().latentRandom());
    INDArray z = config.latent().sample(latentStream, DataType.DOUBLE, config.training().batchSize());

    trainer.iterate();

    INDArray engineGradient = before.sub(generator.params());
    MultiLayerNetwork probe = generator.clone();
    MultiLayerNetwork discriminator = trainer.model().discriminator().clone();
    Loss loss = PluginContracts.classpathRegistry().create(
        PluginKind.LOSS, config.loss(), PluginContracts.context(DataType.DOUBLE));
    List<String> mismatches = new ArrayList<>();
    for (long i = 0; i < before.length(); i++) {
      double numeric = (lossAt(probe, discriminator, loss, z, before, i, STEP)
          - lossAt(probe, discriminator, loss, z, before, i, -STEP)) / (2 * STEP);
      double analytic = engineGradient.getDouble(i);
      if (Math.abs(analytic - numeric) > 1e-6 * Math.max(Math.abs(analytic), Math.abs(numeric)) + 1e-9) {
        mismatches.add("parameter " + i + ": engine " + analytic + ", numeric " + numeric);
      }
    }
    assertThat(engineGradient.norm2Number().doubleValue()).as("the generator moved").isGreaterThan(1e-8);
    assertThat(mismatches).isEmpty();
  }

  private static double lossAt(MultiLayerNetwork generator, MultiLayerNetwork discriminator, Loss loss,
      INDArray z, INDArray parameters, long index, double delta) {
    INDArray shifted = parameters.dup();
    shifted.putScalar(index, parameters.getDouble(index) + delta);
    generator.setParams(shifted);
    INDArray fake = generator.output(z, true);
    // PacGAN: consecutive samples side by side, [n, d] -> [n / pack, pack * d] (row-major).
    long inputs = fake.rank() == 2 ? discriminator.layerInputSize(0) : fake.size(1);
    INDArray packed = fake.rank() == 2 ? fake.reshape('c', fake.length() / inputs, inputs) : fake;
    INDArray scores = discriminator.output(packed, true);
    return loss.generatorLoss(Scores.fakeOnly(scores, 0, new TestRandom(1))).value();
  }
}
