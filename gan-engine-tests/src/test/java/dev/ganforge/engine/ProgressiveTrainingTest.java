package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganforge.core.engine.ModelException;
import dev.ganforge.core.engine.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The {@code progressive} schedule in the engine: 4x4 to 8x8 images, 32 real images (4 steps of 8) at
 * 4x4, 8x8 fading in over the next 32, then the config's own networks. WGAN-GP with the drift term and
 * a generator average, as in Karras et al. 2018.
 */
final class ProgressiveTrainingTest {
  private static final String CONFIG = """
      seed: 31
      data: {type: image-folder, path: %s, size: 8, channels: 1}
      latent: {size: 4}
      generator:
        layers:
          - {type: pixel-norm}
          - {type: equalized-dense, units: 32, activation: leaky-relu}
          - {type: reshape, shape: [2, 4, 4]}
          - {type: equalized-conv2d, filters: 2, activation: leaky-relu}
          - {type: pixel-norm}
          - {type: upsample}
          - {type: equalized-conv2d, filters: 3, activation: leaky-relu}
          - {type: pixel-norm}
          - {type: equalized-conv2d, filters: 1, kernel: 1, gain: 1}
        optimizer: {type: adam, learningRate: 0.001, beta1: 0.9}
      discriminator:
        layers:
          - {type: equalized-conv2d, filters: 3, kernel: 1, activation: leaky-relu}
          - {type: equalized-conv2d, filters: 2, activation: leaky-relu}
          - {type: downsample}
          - {type: minibatch-stddev}
          - {type: equalized-conv2d, filters: 2, activation: leaky-relu}
          - {type: flatten}
          - {type: equalized-dense, units: 1}
        optimizer: {type: adam, learningRate: 0.001, beta1: 0.9}
      loss: {type: wasserstein}
      regularizers: [{type: gradient-penalty, weight: 10}, {type: drift}]
      schedule: {type: progressive, stabilizeImages: 32, fadeImages: 32%s}
      training: {steps: 12, batchSize: 8, ema: {decay: 0.9}}
      """;

  @TempDir Path images;

  private Trainer trainer(String scheduleExtra) throws IOException {
    EngineFixtures.writeImages(images, 16, 8);
    return EngineFixtures.trainer(EngineFixtures.config(CONFIG.formatted(images, scheduleExtra)), DataType.FLOAT);
  }

  @Test
  void theNetworksGrowLevelByLevelIntoTheConfiguredOnes() throws IOException {
    Trainer trainer = trainer("");
    List<Double> resolutions = new ArrayList<>();
    List<Double> alphas = new ArrayList<>();
    for (int step = 0; step < 12; step++) {
      Map<String, Double> measured = trainer.iterate();
      resolutions.add(measured.get("progressive/resolution"));
      alphas.add(measured.get("progressive/alpha"));
      assertThat(measured.get("loss/discriminator")).isFinite();
      assertThat(measured.get("penalty/gradient-penalty")).isFinite();
      assertThat(measured.get("penalty/drift")).isFinite();
    }
    // Images before each step: 0, 8, ..., 32 at 4x4; lod = 1 - (images - 32) / 32 while 8x8 fades in.
    assertThat(resolutions).containsExactly(4.0, 4.0, 4.0, 4.0, 4.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0, 8.0);
    assertThat(alphas).containsExactly(1.0, 1.0, 1.0, 1.0, 1.0, 0.25, 0.5, 0.75, 1.0, 1.0, 1.0, 1.0);

    MultiLayerNetwork configured = EngineFixtures.trainer(EngineFixtures.config(CONFIG.formatted(images, "")),
        DataType.FLOAT).model().generator();
    assertThat(names(trainer.model().generator())).as("at the last level, the config's generator")
        .isEqualTo(names(configured));
    assertThat(names(trainer.model().samplingGenerator())).as("the average grew with it")
        .isEqualTo(names(configured));
    assertThat(trainer.model().sample(trainer.latent(3)).shape()).containsExactly(3, 1, 8, 8);
    // The last growth (step 8) started fresh optimizers: 4 updates since.
    assertThat(trainer.state().generatorOptimizerSteps()).isEqualTo(4);
    assertThat(trainer.state().generatorUpdates()).isEqualTo(12);
  }

  @Test
  void aLevelBatchSizeAppliesWhileThatLevelTrains() throws IOException {
    Trainer trainer = trainer(", batchSizes: {4: 16}");
    List<Double> images = new ArrayList<>();
    for (int step = 0; step < 4; step++) {
      images.add(trainer.iterate().get("progressive/images"));
    }
    // Three steps of 16 at 4x4 (the fade starts after 32 images); 8x8 steps take training.batchSize, 8.
    for (int step = 4; step < 6; step++) {
      images.add(trainer.iterate().get("progressive/images"));
    }
    assertThat(images).containsExactly(0.0, 16.0, 32.0, 48.0, 56.0, 64.0);
  }

  @Test
  void aGeneratorThatDoesNotDoubleLevelByLevelIsRefusedNamingWhy() throws IOException {
    EngineFixtures.writeImages(images, 16, 8);
    String flat = CONFIG.formatted(images, "").replace("    - {type: upsample}\n", "")
        .replace("units: 32,", "units: 128,").replace("shape: [2, 4, 4]", "shape: [2, 8, 8]");
    Trainer trainer = EngineFixtures.trainer(EngineFixtures.config(flat), DataType.FLOAT);
    assertThatThrownBy(trainer::iterate)
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("generator")
        .hasMessageContaining("no level at 4x4");
  }

  private static List<String> names(MultiLayerNetwork network) {
    return network.getLayerWiseConfigurations().getConfs().stream()
        .map(NeuralNetConfiguration::getLayer).map(l -> l.getLayerName()).toList();
  }
}
