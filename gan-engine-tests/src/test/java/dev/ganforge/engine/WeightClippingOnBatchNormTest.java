package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.core.engine.Trainer;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Weight clipping clamps weights, not the running statistics DL4J's BatchNorm keeps among the
 * parameters: a critic with batch norm keeps its running variance (which starts at 1 and moves towards
 * the batch variance) outside the clipping range.
 */
final class WeightClippingOnBatchNormTest {
  @Test
  void weightClippingLeavesBatchNormRunningStatisticsAlone() {
    Trainer trainer = EngineFixtures.trainer(EngineFixtures.config("""
        seed: 2
        data: {type: gaussian-grid}
        latent: {size: 4}
        generator:
          layers:
            - {type: dense, units: 16, activation: relu}
            - {type: dense, units: 2}
        discriminator:
          layers:
            - {type: dense, units: 16}
            - {type: batch-norm}
            - {type: activation, function: leaky-relu}
            - {type: dense, units: 1}
          optimizer: {type: rmsprop, learningRate: 5.0e-5}
        loss: {type: wasserstein}
        regularizers: [{type: weight-clipping, clip: 0.01}]
        training: {batchSize: 32}
        """), DataType.FLOAT);
    for (int i = 0; i < 5; i++) {
      trainer.iterate();
    }

    MultiLayerNetwork critic = trainer.model().discriminator();
    double largestStatistic = 0;
    double largestWeight = 0;
    for (Layer layer : critic.getLayers()) {
      for (Map.Entry<String, INDArray> parameter : layer.paramTable().entrySet()) {
        double largest = parameter.getValue().amaxNumber().doubleValue();
        if (layer.conf().getLayer().getUpdaterByParam(parameter.getKey()) instanceof NoOp) {
          largestStatistic = Math.max(largestStatistic, largest);
        } else {
          largestWeight = Math.max(largestWeight, largest);
        }
      }
    }
    assertThat(largestWeight).as("trainable parameters are clipped").isLessThanOrEqualTo(0.01);
    assertThat(largestStatistic).as("running statistics are not").isGreaterThan(0.05);
  }
}
