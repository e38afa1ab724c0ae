package dev.ganforge.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.engine.EngineFixtures;
import dev.ganforge.losses.WeightClipping;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight clipping on the parameters a real critic holds, through the engine's own view of them: dense and
 * spectrally normalized weights and biases, batch norm's and virtual batch norm's scale and shift are
 * clamped; batch norm's running statistics, spectral normalization's vector u and virtual batch norm's
 * reference batch are state and keep their values. The expectation is written per parameter key,
 * independently of how the engine tells state from weights.
 */
final class WeightClippingOnRealNetworksTest {
  /** Keys of state: BatchNorm's running mean and variance (or log10 std), u, VBN's reference batch. */
  private static final Set<String> STATE =
      Set.of("mean", "var", "log10stdev", "u", "reference");

  @Test
  void clampsEveryWeightAndNoState() {
    Trainer trainer = EngineFixtures.trainer(EngineFixtures.config("""
        seed: 3
        data: {type: gaussian-grid}
        latent: {size: 4}
        generator:
          layers: [{type: dense, units: 2}]
        discriminator:
          layers:
            - {type: dense, units: 8}
            - {type: batch-norm}
            - {type: activation, function: leaky-relu}
            - {type: spectral-dense, units: 8, activation: leaky-relu}
            - {type: virtual-batch-norm}
            - {type: dense, units: 1}
        loss: {type: wasserstein}
        training: {batchSize: 8}
        """), DataType.FLOAT);
    MultiLayerNetwork critic = trainer.model().discriminator();
    critic.params().assign(Nd4j.randn(DataType.FLOAT, critic.params().shape()).muli(3));
    INDArray before = critic.params().dup();

    new WeightClipping(new WeightClipping.Config(0.01))
        .afterUpdate(new NetworkParametersView(NetworkRole.DISCRIMINATOR, critic), 0);

    int weights = 0;
    int state = 0;
    MultiLayerNetwork original = critic.clone();
    original.setParams(before);
    for (int i = 0; i < critic.getLayers().length; i++) {
      Layer layer = critic.getLayer(i);
      for (Map.Entry<String, INDArray> parameter : layer.paramTable().entrySet()) {
        INDArray was = original.getLayer(i).getParam(parameter.getKey());
        String what = "layer " + i + " parameter " + parameter.getKey();
        if (STATE.contains(parameter.getKey())) {
          state++;
          assertThat(parameter.getValue()).as(what + " (state) is unchanged").isEqualTo(was);
        } else {
          weights++;
          INDArray clamped = was.dup();
          for (long j = 0; j < clamped.length(); j++) {
            clamped.putScalar(j, Math.max(-0.01, Math.min(0.01, clamped.getDouble(j))));
          }
          assertThat(parameter.getValue()).as(what + " is clamped").isEqualTo(clamped);
        }
      }
    }
    assertThat(state).as("state arrays seen: BatchNorm 2, u 1, the reference batch 1").isEqualTo(4);
    assertThat(weights).as("weight arrays seen").isEqualTo(10);
  }
}
