package dev.ganforge.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.TestRandom;
import dev.ganforge.engine.EngineFixtures;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The unrolled generator gradient against float64 brute force of the whole unrolled map: every generator
 * parameter moved by +-1e-6, D unrolled k steps from its live optimizer state by DL4J's own updater (not
 * the simulation under test), G's loss at the result, central difference. Smooth networks (tanh), so the
 * brute force's own error is truncation, O(1e-12). The second-order terms are not small here: the
 * gradient with D's unrolled parameters held constant differs from the total derivative by far more
 * than the tolerance, so a first-order implementation fails this test.
 */
final class UnrolledGeneratorGradientTest {
  private static final int K = 3;
  private static final double STEP = 1e-6;

  @ParameterizedTest
  @ValueSource(strings = {"adam", "sgd"})
  void matchesBruteForceDifferentiationOfTheWholeUnrolledMap(String optimizer) {
    Setup setup = smoothSetup(optimizer);

    UnrolledGeneratorGradient.Result result = setup.unrolled();

    assertThat(relativeError(result.gradient(), setup.bruteForce(false, STEP)))
        .as("relative L2 error against the brute force").isLessThan(1e-5);
    assertThat(relativeError(setup.bruteForce(true, STEP), setup.bruteForce(false, STEP)))
        .as("what the terms through D's updates contribute").isGreaterThan(1e-2);
  }

  /**
   * A LeakyReLU discriminator whose first unit has a fake sample's pre-activation {@code margin} above its
   * kink at D's live parameters: the first Hessian-vector product's differences (relative step 1e-7) cross
   * it, and at the smallest margin the 1,000 times smaller retake does too. Without the fallback the jump
   * of D's gradient divided by the step lands in G's gradient. The reference is the brute force with the
   * same unit 1e-6 above its kink, where G's perturbations of 1e-9 cannot reach it: within one linear piece,
   * as autodiff (the authors' notebook) differentiates, and 1e-6 moves the gradient by about 1e-6 relative.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1e-10, 1e-14})
  void differencesAcrossAKinkOfTheDiscriminatorAreRetakenOnOneSide(double margin) {
    Setup reference = kinkSetup(1e-6);
    Setup setup = kinkSetup(margin);

    UnrolledGeneratorGradient.Result result = setup.unrolled();

    assertThat(relativeError(result.gradient(), reference.bruteForce(false, 1e-9)))
        .as("relative L2 error against the brute force within the linear piece").isLessThan(1e-4);
    assertThat(result.smallerSteps()).as("products retaken with a smaller step").isPositive();
    if (margin < 1e-12) {
      assertThat(result.oneSided()).as("products taken one-sided").isPositive();
    }
  }

  private static Setup kinkSetup(double margin) {
    Setup setup = trainedSetup("""
        seed: 5
        data: {type: gaussian-ring}
        latent: {size: 2}
        generator:
          layers: [{type: dense, units: 4, activation: tanh}, {type: dense, units: 2}]
        discriminator:
          layers: [{type: dense, units: 5, activation: leaky-relu}, {type: dense, units: 1}]
          optimizer: {type: adam, learningRate: 0.05, beta1: 0.5, beta2: 0.9}
        loss: {type: non-saturating}
        training: {batchSize: 8}
        """);
    // First unit, first fake sample: bias such that W[:, 0] . G(z_0) + b_0 = margin.
    MultiLayerNetwork discriminator = setup.model().discriminator();
    INDArray weights = discriminator.getLayer(0).getParam("W");
    INDArray fake = setup.model().generator().output(setup.latent(), true).getRow(0);
    double preActivation = fake.mul(weights.getColumn(0)).sumNumber().doubleValue();
    discriminator.getLayer(0).getParam("b").putScalar(0, margin - preActivation);
    return setup;
  }

  /** Three trained iterations (D's optimizer has state), then one real and one latent batch of 8. */
  private static Setup smoothSetup(String optimizer) {
    return trainedSetup("""
        seed: 3
        data: {type: gaussian-ring}
        latent: {size: 2}
        generator:
          layers: [{type: dense, units: 4, activation: tanh}, {type: dense, units: 2}]
        discriminator:
          layers: [{type: dense, units: 5, activation: tanh}, {type: dense, units: 1}]
          optimizer: OPTIMIZER
        loss: {type: non-saturating}
        training: {batchSize: 8}
        """.replace("OPTIMIZER", optimizer.equals("adam")
        ? "{type: adam, learningRate: 0.05, beta1: 0.5, beta2: 0.9}" : "{type: sgd, learningRate: 0.5}"));
  }

  private static Setup trainedSetup(String yaml) {
    GanConfig config = EngineFixtures.config(yaml);
    Trainer trainer = EngineFixtures.trainer(config, DataType.DOUBLE);
    for (int i = 0; i < 3; i++) {
      trainer.iterate();
    }
    Loss loss = EngineFixtures.registry().create(PluginKind.LOSS, config.loss(),
        RunContext.of(3, DataType.DOUBLE, DataSources.open(config.data(), 3, DataType.DOUBLE).info()));
    return new Setup(trainer.model(), loss, Nd4j.randn(DataType.DOUBLE, 8, 2), Nd4j.randn(DataType.DOUBLE, 8, 2), 3);
  }

  private record Setup(GanModel model, Loss loss, INDArray real, INDArray latent, long updates) {
    UnrolledGeneratorGradient.Result unrolled() {
      return UnrolledGeneratorGradient.compute(model, loss, real, latent, K, updates, 0, 1);
    }

    /**
     * The brute-force gradient of G's loss after K updates of D; {@code firstOrder}: with D's unrolled
     * parameters held at those of the unperturbed G; {@code step}: each parameter's perturbation.
     */
    INDArray bruteForce(boolean firstOrder, double step) {
      INDArray gradient = Nd4j.zeros(DataType.DOUBLE, 1, model.generator().params().length());
      MultiLayerNetwork unrolledOnce = unroll(model.discriminator(), model.generator(), loss, real, latent, updates);
      for (long p = 0; p < gradient.length(); p++) {
        MultiLayerNetwork generator = model.generator().clone();
        double original = generator.params().getDouble(p);
        generator.params().putScalar(p, original + step);
        double plus = generatorLoss(firstOrder ? unrolledOnce
            : unroll(model.discriminator(), generator, loss, real, latent, updates), generator, loss, latent);
        generator.params().putScalar(p, original - step);
        double minus = generatorLoss(firstOrder ? unrolledOnce
            : unroll(model.discriminator(), generator, loss, real, latent, updates), generator, loss, latent);
        gradient.putScalar(p, (plus - minus) / (2 * step));
      }
      return gradient;
    }
  }

  private static double relativeError(INDArray actual, INDArray expected) {
    return actual.reshape(expected.shape()).sub(expected).norm2Number().doubleValue()
        / expected.norm2Number().doubleValue();
  }

  /** D after K updates by its own DL4J updater, from a copy of its live state, on real and G(latent). */
  private static MultiLayerNetwork unroll(MultiLayerNetwork live, MultiLayerNetwork generator, Loss loss,
      INDArray real, INDArray latent, long updates) {
    MultiLayerNetwork d = live.clone();
    INDArray fakes = generator.output(latent, true);
    for (int j = 0; j < K; j++) {
      LossValue value = loss.discriminatorLoss(scores(d.output(real, true), d.output(fakes, true)));
      d.setInput(real);
      d.feedForward(true, false);
      Gradient gradient = d.backpropGradient(value.realGradient().orElseThrow(), LayerWorkspaceMgr.noWorkspaces())
          .getFirst();
      INDArray realPart = d.getGradientsViewArray().dup();
      d.setInput(fakes);
      d.feedForward(true, false);
      d.backpropGradient(value.fakeGradient(), LayerWorkspaceMgr.noWorkspaces());
      d.getGradientsViewArray().addi(realPart);
      d.getUpdater().update(d, gradient, (int) (updates + j), 0, 8, LayerWorkspaceMgr.noWorkspaces());
      d.params().subi(d.getGradientsViewArray().reshape(d.params().shape()));
    }
    return d;
  }

  private static double generatorLoss(MultiLayerNetwork discriminator, MultiLayerNetwork generator, Loss loss,
      INDArray latent) {
    INDArray fakeScores = discriminator.output(generator.output(latent, true), true);
    return loss.generatorLoss(new Scores(Optional.empty(), fakeScores, Optional.empty(), Optional.empty(), Map.of(),
        Map.of(), 0, new TestRandom(1))).value();
  }

  private static Scores scores(INDArray real, INDArray fake) {
    return new Scores(Optional.of(real), fake, Optional.empty(), Optional.empty(), Map.of(), Map.of(), 0,
        new TestRandom(1));
  }
}
