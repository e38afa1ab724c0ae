package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.core.engine.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.ganforge.progressive.StageInput;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code stacked} schedule in the engine: a 4x4 stage for 4 steps, then a stage refining it to 8x8
 * for 4 steps, with a generator average.
 */
final class StackedTrainingTest {
  private static final String CONFIG = """
      seed: 32
      data: {type: image-folder, path: %s, size: 8, channels: 1}
      latent: {size: 4}
      generator:
        layers:
          - {type: dense, units: 32, activation: leaky-relu}
          - {type: reshape, shape: [2, 4, 4]}
          - {type: batch-norm}
          - {type: conv2d, filters: 1, activation: tanh}
          - {type: stage, noiseChannels: 1}
          - {type: upsample}
          - {type: conv2d, filters: 2, activation: leaky-relu}
          - {type: conv2d, filters: 1, activation: tanh}
      discriminator:
        layers:
          - {type: conv2d, filters: 2, stride: 2, activation: leaky-relu}
          - {type: flatten}
          - {type: dense, units: 1}
      loss: {type: non-saturating}
      schedule: {type: stacked, stageSteps: [4]}
      training: {steps: 8, batchSize: 8, ema: {decay: 0.9}}
      """;

  @TempDir Path images;

  @Test
  void theStagesTrainOneAfterTheOtherAndTheWholeStackGenerates() throws IOException {
    EngineFixtures.writeImages(images, 16, 8);
    Trainer trainer = EngineFixtures.trainer(EngineFixtures.config(CONFIG.formatted(images)), DataType.FLOAT);
    List<Double> stages = new ArrayList<>();
    List<Double> resolutions = new ArrayList<>();
    INDArray firstStage = null;
    for (int step = 0; step < 8; step++) {
      if (step == 4) {
        firstStage = firstStage(trainer.model().generator());
        assertThat(trainer.model().generator().getnLayers()).as("stage 1 and its upsampling").isEqualTo(4);
      }
      Map<String, Double> measured = trainer.iterate();
      stages.add(measured.get("stacked/stage"));
      resolutions.add(measured.get("stacked/resolution"));
      assertThat(measured.get("loss/discriminator")).isFinite();
      assertThat(measured.get("loss/generator")).isFinite();
    }

    assertThat(stages).containsExactly(1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0);
    assertThat(resolutions).containsExactly(4.0, 4.0, 4.0, 4.0, 8.0, 8.0, 8.0, 8.0);
    MultiLayerNetwork generator = trainer.model().generator();
    MultiLayerNetwork configured = EngineFixtures.trainer(EngineFixtures.config(CONFIG.formatted(images)),
        DataType.FLOAT).model().generator();
    assertThat(names(generator)).as("the last stage is the config's generator").isEqualTo(names(configured));
    assertThat(firstStage(generator)).as("stage 1, frozen while stage 2 trains").isEqualTo(firstStage);
    assertThat(generator.getLayer(6).params()).as("stage 2 trained").isNotEqualTo(configured.getLayer(6).params());
    assertThat(trainer.state().discriminatorOptimizerSteps()).as("a fresh discriminator for stage 2")
        .isEqualTo(4);
    assertThat(names(trainer.model().samplingGenerator())).isEqualTo(names(configured));
    // Three samples from the whole stack: the condition of the last training batch (8 rows) is gone.
    assertThat(trainer.model().sample(trainer.latent(3)).shape()).containsExactly(3, 1, 8, 8);
  }

  @Test
  void aConditionedStageTwoDiscriminatorTrainsWithAGradientPenaltyAndTheStackStillSamples() throws IOException {
    EngineFixtures.writeImages(images, 16, 8);
    String conditioned = CONFIG.formatted(images)
        .replace("stageSteps: [4]}", "stageSteps: [4], conditionDiscriminator: true}")
        .replace("loss: {type: non-saturating}",
            "loss: {type: wasserstein}\nregularizers: [{type: gradient-penalty, weight: 10}]");
    Trainer trainer = EngineFixtures.trainer(EngineFixtures.config(conditioned), DataType.FLOAT);
    for (int step = 0; step < 8; step++) {
      Map<String, Double> measured = trainer.iterate();
      assertThat(measured).as("step " + step).allSatisfy((name, value) -> assertThat(value).as(name).isFinite());
      if (step >= 4) {
        assertThat(names(trainer.model().discriminator()).get(0)).isEqualTo("stacked-condition");
        assertThat(measured).containsKey("penalty/gradient-penalty");
      }
    }
    assertThat(trainer.model().sample(trainer.latent(3)).shape()).containsExactly(3, 1, 8, 8);
  }

  /**
   * Stage 1's trained parameters: the dense and convolution weights and biases, batch norm's scale and
   * shift (its running statistics keep tracking the frozen stage's activations).
   */
  private static INDArray firstStage(MultiLayerNetwork generator) {
    List<INDArray> parameters = new ArrayList<>();
    for (org.deeplearning4j.nn.api.Layer layer : generator.getLayers()) {
      Object conf = layer.conf().getLayer();
      if (conf instanceof StageInput || conf instanceof Upsampling2D) {
        break;
      }
      if (conf instanceof BatchNormalization) {
        parameters.add(layer.getParam("gamma").reshape(1, -1));
        parameters.add(layer.getParam("beta").reshape(1, -1));
      } else if (layer.numParams() > 0) {
        parameters.add(layer.params().reshape(1, -1));
      }
    }
    assertThat(parameters).hasSize(4);
    return Nd4j.concat(1, parameters.toArray(INDArray[]::new)).dup();
  }

  private static List<String> names(MultiLayerNetwork network) {
    return network.getLayerWiseConfigurations().getConfs().stream()
        .map(NeuralNetConfiguration::getLayer).map(l -> l.getLayerName()).toList();
  }
}
