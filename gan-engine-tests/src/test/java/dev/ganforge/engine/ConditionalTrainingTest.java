package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganforge.core.engine.ModelException;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.random.SplitMixRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conditional GANs end to end, on a ring whose samples are labelled with their mode: a generator that
 * receives the labels must learn to put class k on mode k, which no unconditional generator can do.
 */
final class ConditionalTrainingTest {
  private static final int MODES = 4;
  private static final double RADIUS = 2.0;
  private static final String BASE = """
      seed: 3
      data: {type: gaussian-ring, modes: 4, radius: 2.0, stddev: 0.05, labelled: %s}
      latent: {size: 4}
      generator:
        layers:
          - {type: label-embedding}
          - {type: dense, units: 64, activation: relu}
          - {type: dense, units: 64, activation: relu}
          - {type: dense, units: 2}
        optimizer: {type: adam, learningRate: 0.001, beta1: 0.5}
      discriminator:
        layers:
          %s
          - {type: dense, units: 64, activation: leaky-relu}
          - {type: dense, units: 64, activation: leaky-relu}
          - {type: dense, units: %d}
        optimizer: {type: adam, learningRate: 0.001, beta1: 0.5}
      loss: {type: %s}
      training: {steps: 1000, batchSize: 64%s}
      """;

  private static String config(boolean labelled, boolean labelledDiscriminator, int scores, String loss,
      String training) {
    return BASE.formatted(labelled, labelledDiscriminator ? "- {type: label-embedding}" : "", scores, loss, training);
  }

  @Test
  void aDiscriminatorThatSeesTheLabelTeachesTheGeneratorToDrawEachClass() {
    assertThat(classAccuracy(config(true, true, 1, "non-saturating", ""), 400)).isGreaterThan(0.95);
  }

  @Test
  void anAuxiliaryClassifierTeachesTheGeneratorToDrawEachClass() {
    assertThat(classAccuracy(config(true, false, 1 + MODES, "auxiliary-classifier", ""), 400)).isGreaterThan(0.95);
  }

  @Test
  void unlabelledDataIsRefusedWithTheFix() {
    assertThatThrownBy(() -> EngineFixtures.trainer(
        EngineFixtures.config(config(false, true, 1, "non-saturating", "")), DataType.FLOAT))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("label-embedding: the data (gaussian-ring) has no class labels");
  }

  @Test
  void anAuxiliaryClassifierNeedsAGeneratorThatKnowsTheClass() {
    String unconditionalGenerator = config(true, false, 1 + MODES, "auxiliary-classifier", "")
        .replaceFirst("    - \\{type: label-embedding}\n", "");

    assertThatThrownBy(() -> EngineFixtures.trainer(EngineFixtures.config(unconditionalGenerator), DataType.FLOAT))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("generator.layers: loss auxiliary-classifier reads class labels")
        .hasMessageContaining("add {type: label-embedding} to generator.layers");
  }

  @Test
  void anAuxiliaryClassifierNeedsOneLogitPerClass() {
    assertThatThrownBy(() -> EngineFixtures.trainer(
        EngineFixtures.config(config(true, false, 1, "auxiliary-classifier", "")), DataType.FLOAT))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("the discriminator must end in {type: dense, units: 5}");
  }

  @Test
  void packingIsRefusedForConditionalModels() {
    assertThatThrownBy(() -> EngineFixtures.trainer(
        EngineFixtures.config(config(true, true, 1, "non-saturating", ", pack: 2")), DataType.FLOAT))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("training.pack: PacGAN packing (pack 2) cannot be combined with a conditional model");
  }

  @Test
  void sampleGridsHaveOneBlockPerClass() {
    Trainer trainer = EngineFixtures.trainer(
        EngineFixtures.config(config(true, true, 1, "non-saturating", "")), DataType.FLOAT);

    assertThat(trainer.model().classCount()).isEqualTo(MODES);
    assertThat(trainer.model().gridClasses(8)).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
    assertThatThrownBy(() -> trainer.model().oneHot(new int[] {4}))
        .hasMessageContaining("label 4 is out of range: the model draws classes 0 to 3");
  }

  /**
   * Trains {@code steps} iterations, then draws 200 samples per class and returns the fraction that lie
   * nearest their own class's mode (chance: 1/4).
   */
  private static double classAccuracy(String yaml, int steps) {
    GanConfig config = EngineFixtures.config(yaml);
    Trainer trainer = EngineFixtures.trainer(config, DataType.FLOAT);
    for (int i = 0; i < steps; i++) {
      trainer.iterate();
    }
    GanModel model = trainer.model();
    int perClass = 200;
    int[] classes = new int[MODES * perClass];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = i / perClass;
    }
    INDArray latent = config.latent().sample(new SplitMixRandom(5), DataType.FLOAT, classes.length);
    INDArray samples = model.sample(latent, model.oneHot(classes));
    long right = java.util.stream.IntStream.range(0, classes.length)
        .filter(i -> nearestMode(samples.getDouble(i, 0), samples.getDouble(i, 1)) == classes[i]).count();
    return (double) right / classes.length;
  }

  private static int nearestMode(double x, double y) {
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int k = 0; k < MODES; k++) {
      double angle = 2 * Math.PI * k / MODES;
      double distance = Math.hypot(x - RADIUS * Math.cos(angle), y - RADIUS * Math.sin(angle));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = k;
      }
    }
    return best;
  }
}
