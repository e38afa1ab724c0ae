package dev.ganforge.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganforge.engine.EngineFixtures;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's passes in workspaces compute what DL4J's own training-mode passes without workspaces
 * compute, bit for bit, through DL4J's layers and this project's, preprocessors and the G -> D chain.
 */
final class NetworkPassTest {
  /** DL4J layers with oneDNN helpers, reshape preprocessors, dropout and this project's layers. */
  private static final String CONFIG = """
      seed: 5
      data: {type: gaussian-grid}
      latent: {size: 8}
      generator:
        layers:
          - {type: dense, units: 128}
          - {type: batch-norm}
          - {type: activation, function: relu}
          - {type: reshape, shape: [8, 4, 4]}
          - {type: noise-injection}
          - {type: deconv2d, filters: 4, kernel: 4, stride: 2}
          - {type: batch-norm}
          - {type: activation, function: leaky-relu}
          - {type: flatten}
          - {type: dense, units: 2}
      discriminator:
        layers:
          - {type: spectral-dense, units: 32, activation: leaky-relu}
          - {type: dropout, rate: 0.3}
          - {type: reshape, shape: [2, 4, 4]}
          - {type: conv2d, filters: 4, kernel: 3, stride: 2, activation: leaky-relu}
          - {type: minibatch-stddev}
          - {type: flatten}
          - {type: dense, units: 1}
      loss: {type: non-saturating}
      training: {batchSize: 16}
      """;

  @Test
  void chainsGThroughDExactlyAsDl4jDoes() {
    GanModel model = EngineFixtures.trainer(EngineFixtures.config(CONFIG), DataType.FLOAT).model();
    MultiLayerNetwork generator = model.generator();
    MultiLayerNetwork discriminator = model.discriminator();
    INDArray latent = Nd4j.randn(DataType.FLOAT, 16, 8);
    INDArray outputGradient = Nd4j.randn(DataType.FLOAT, 16, 1);
    // A training pass moves state (spectral normalization's u, batch norm's running statistics): each
    // run starts from the same parameters.
    INDArray generatorParameters = generator.params().dup();
    INDArray discriminatorParameters = discriminator.params().dup();

    // DL4J's path, as the engine took it before: activations kept in the layers, external errors.
    Nd4j.getRandom().setSeed(11);
    INDArray fakes = last(forwardWithoutWorkspaces(generator, latent)).dup();
    INDArray scores = last(forwardWithoutWorkspaces(discriminator, fakes)).dup();
    INDArray fakesGradient = discriminator.backpropGradient(outputGradient, LayerWorkspaceMgr.noWorkspaces())
        .getSecond().dup();
    INDArray discriminatorGradient = discriminator.getGradientsViewArray().dup();
    generator.backpropGradient(fakesGradient, LayerWorkspaceMgr.noWorkspaces());
    INDArray generatorGradient = generator.getGradientsViewArray().dup();
    Activations.release(generator);
    Activations.release(discriminator);

    // Three cycles: the first sizes the workspaces, the others run in them.
    for (int cycle = 0; cycle < 3; cycle++) {
      generator.params().assign(generatorParameters);
      discriminator.params().assign(discriminatorParameters);
      Nd4j.getRandom().setSeed(11);
      try (NetworkPass.Cycle open = NetworkPass.ITERATION.open()) {
        INDArray passFakes = NetworkPass.ITERATION.forward(generator, latent);
        INDArray passScores = NetworkPass.ITERATION.forward(discriminator, passFakes);
        INDArray passFakesGradient = NetworkPass.ITERATION.backward(discriminator, outputGradient).getSecond();
        NetworkPass.ITERATION.backward(generator, passFakesGradient);

        assertThat(passFakes).as("G's output, cycle %d", cycle).isEqualTo(fakes);
        assertThat(passScores).as("D's output, cycle %d", cycle).isEqualTo(scores);
        assertThat(passFakesGradient).as("d loss / d fakes, cycle %d", cycle).isEqualTo(fakesGradient);
        assertThat(discriminator.getGradientsViewArray()).as("D's gradient, cycle %d", cycle)
            .isEqualTo(discriminatorGradient);
        assertThat(generator.getGradientsViewArray()).as("G's gradient, cycle %d", cycle)
            .isEqualTo(generatorGradient);
      } finally {
        Activations.release(generator);
        Activations.release(discriminator);
      }
    }
  }

  @Test
  void keysTheGradientAsDl4jDoes() {
    GanModel model = EngineFixtures.trainer(EngineFixtures.config(CONFIG), DataType.FLOAT).model();
    MultiLayerNetwork discriminator = model.discriminator();
    INDArray input = Nd4j.randn(DataType.FLOAT, 16, 2);
    INDArray outputGradient = Nd4j.randn(DataType.FLOAT, 16, 1);
    forwardWithoutWorkspaces(discriminator, input);
    List<String> dl4jKeys = List.copyOf(discriminator.backpropGradient(outputGradient,
        LayerWorkspaceMgr.noWorkspaces()).getFirst().gradientForVariable().keySet());
    Activations.release(discriminator);
    try (NetworkPass.Cycle open = NetworkPass.ITERATION.open()) {
      NetworkPass.ITERATION.forward(discriminator, input);
      assertThat(NetworkPass.ITERATION.backward(discriminator, outputGradient).getFirst()
          .gradientForVariable().keySet()).containsExactlyElementsOf(dl4jKeys);
    } finally {
      Activations.release(discriminator);
    }
  }

  @Test
  void refusesAPassOutsideACycleAndASecondCycle() {
    GanModel model = EngineFixtures.trainer(EngineFixtures.config(CONFIG), DataType.FLOAT).model();
    INDArray latent = Nd4j.randn(DataType.FLOAT, 4, 8);
    assertThatThrownBy(() -> NetworkPass.ITERATION.forward(model.generator(), latent))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a cycle");
    try (NetworkPass.Cycle open = NetworkPass.ITERATION.open()) {
      assertThatThrownBy(NetworkPass.ITERATION::open)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
    }
    assertThat(NetworkPass.ITERATION.isOpen()).isFalse();
  }

  private static List<INDArray> forwardWithoutWorkspaces(MultiLayerNetwork network, INDArray input) {
    network.setInput(input);
    return network.feedForward(true, false);
  }

  private static INDArray last(List<INDArray> activations) {
    return activations.get(activations.size() - 1);
  }
}
