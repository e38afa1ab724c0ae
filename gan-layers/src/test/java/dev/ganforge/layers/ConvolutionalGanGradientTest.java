package dev.ganforge.layers;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.core.engine.NetworkAssembler;
import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Backpropagation through the layer plugins chained as in a small DCGAN, checked against float64 central
 * finite differences of every trainable parameter (DL4J's {@link GradientCheckUtil}): the reshape and
 * flatten preprocessors must pass gradients back in the order they pass values forward.
 */
final class ConvolutionalGanGradientTest {
  private static DataType savedDefault;
  private static DataType savedFloatingDefault;

  @BeforeAll
  static void useDoublePrecisionByDefault() {
    // GradientCheckUtil requires (and on loading sets) float64 defaults; other tests in this JVM get theirs back.
    savedDefault = Nd4j.dataType();
    savedFloatingDefault = Nd4j.defaultFloatingPointType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @AfterAll
  static void restoreDefaults() {
    Nd4j.setDefaultDataTypes(savedDefault, savedFloatingDefault);
  }

  @Test
  void generatorChainFromNoiseToImageHasExactGradients() {
    NetworkAssembler generator = assemble(InputType.feedForward(4),
        "{type: dense, units: 18}",
        "{type: reshape, shape: [2, 3, 3]}",
        "{type: deconv2d, filters: 3, kernel: 4, stride: 2}",
        "{type: batch-norm}",
        "{type: activation, function: relu}",
        "{type: deconv2d, filters: 1, kernel: 4, stride: 2, activation: tanh}");
    assertThat(generator.currentType()).isEqualTo(InputType.convolutional(12, 12, 1));

    // Layer 2 is the batch norm (reshape adds none): its running statistics are not trained by gradients.
    assertGradientsMatchFiniteDifferences(generator, gaussian(61, 3, 4), 144, Set.of("2_mean", "2_log10stdev"));
  }

  @Test
  void discriminatorChainFromImageToScoreHasExactGradients() {
    NetworkAssembler discriminator = assemble(InputType.convolutional(8, 8, 1),
        "{type: conv2d, filters: 4, kernel: 4, stride: 2}",
        "{type: activation, function: leaky-relu}",
        "{type: flatten}",
        "{type: dense, units: 1}");
    assertThat(discriminator.currentType()).isEqualTo(InputType.feedForward(1));

    assertGradientsMatchFiniteDifferences(discriminator, gaussian(62, 3, 1, 8, 8), 1, Set.of());
  }

  /**
   * Appends a mean-squared-error loss against fixed targets (GradientCheckUtil needs an output layer)
   * and compares backprop with central differences of every parameter but {@code excluded}.
   */
  private static void assertGradientsMatchFiniteDifferences(
      NetworkAssembler assembly, INDArray input, int outputs, Set<String> excluded) {
    assembly.append(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build());
    MultiLayerConfiguration configuration = assembly.configuration();
    // DL4J's LossLayer always averages its score over the batch; with the engine's miniBatch(false) the
    // backprop gradient is the sum. Letting the updater average too compares like with like.
    configuration.getConfs().forEach(layer -> layer.setMiniBatch(true));
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    assertThat(network.paramTable().keySet()).containsAll(excluded);
    INDArray targets = gaussian(63, input.size(0), outputs);

    // Step 1e-6 in float64: truncation error ~1e-12, rounding ~1e-16 / 1e-6 = 1e-10 of the loss (~1).
    // Mismatches below 1e-8 in absolute terms are that noise (the bias of a deconv2d before a batch-norm
    // has gradient exactly 0, backprop says ~1e-17); a wrong backprop is off by the gradient itself.
    boolean passed = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
        .net(network)
        .input(input)
        .labels(targets)
        .epsilon(1e-6)
        .maxRelError(1e-5)
        .minAbsoluteError(1e-8)
        .excludeParams(excluded)
        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
        .exitOnFirstError(false));

    assertThat(passed).as("backprop gradients match finite differences (failures are logged above)").isTrue();
  }
}
