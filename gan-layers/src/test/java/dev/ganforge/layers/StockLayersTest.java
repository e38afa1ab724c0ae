package dev.ganforge.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.engine.NetworkAssembler;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

final class StockLayersTest {
  @Test
  void denseAndActivationAreDiscovered() {
    assertThat(PluginContracts.assertDiscovered(PluginKind.LAYER, "dense", DenseLayer.Provider.class).origin())
        .isEqualTo("gan-layers");
    PluginContracts.assertDiscovered(PluginKind.LAYER, "activation", ActivationLayer.Provider.class);
  }

  @Test
  void configsRoundTripWithDefaults() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: dense, units: 128}",
        new DenseLayer.Config(128, ActivationFunction.IDENTITY, 0.2, WeightInitialization.XAVIER, true));
    PluginContracts.assertRoundTrip(LayerConfig.class,
        "{type: dense, units: 1, activation: leaky-relu, leakySlope: 0.1, weightInit: fan-in-normal, bias: false}",
        new DenseLayer.Config(1, ActivationFunction.LEAKY_RELU, 0.1, WeightInitialization.FAN_IN_NORMAL, false));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: activation, function: tanh}",
        new ActivationLayer.Config(ActivationFunction.TANH, 0.2, 1.0));
  }

  @Test
  void denseAppendsAFullyConnectedLayerComputingActivationOfXwPlusB() {
    NetworkAssembler assembly = assemble(InputType.feedForward(3),
        new DenseLayer.Config(2, ActivationFunction.LEAKY_RELU, 0.1, WeightInitialization.XAVIER, true));
    MultiLayerNetwork network = build(assembly);
    INDArray x = Nd4j.createFromArray(new double[][] {{1, -2, 0.5}});

    INDArray w = network.getParam("0_W");
    INDArray b = network.getParam("0_b");
    INDArray pre = x.mmul(w).addiRowVector(b);
    INDArray expected = pre.dup();
    for (int i = 0; i < expected.length(); i++) {
      double v = expected.getDouble(i);
      expected.putScalar(i, v > 0 ? v : 0.1 * v);
    }

    assertThat(assembly.currentType()).isEqualTo(InputType.feedForward(2));
    assertThat(network.getLayerWiseConfigurations().getConf(0).getLayer())
        .isInstanceOf(org.deeplearning4j.nn.conf.layers.DenseLayer.class);
    assertThat(((org.deeplearning4j.nn.conf.layers.DenseLayer) network.getLayerWiseConfigurations().getConf(0).getLayer())
        .getActivationFn())
        .isEqualTo(new ActivationLReLU(0.1));
    assertThat(network.output(x).toDoubleVector()).containsExactly(expected.toDoubleVector(), within(1e-12));
  }

  @Test
  void fanInNormalInitialisationHasVarianceOneOverFanIn() {
    // 256 x 512 weights: the sample variance's relative standard error is sqrt(2 / n) = 0.4%,
    // so 3% is more than seven standard errors from a false failure and still catches 1/fan_out or He.
    MultiLayerNetwork network = build(assemble(InputType.feedForward(256),
        new DenseLayer.Config(512, null, null, WeightInitialization.FAN_IN_NORMAL, null)));
    INDArray weights = network.getParam("0_W");

    assertThat(weights.meanNumber().doubleValue()).isCloseTo(0.0, within(3 * Math.sqrt(1.0 / 256 / weights.length())));
    assertThat(weights.varNumber().doubleValue()).isCloseTo(1.0 / 256, within(0.03 / 256));
  }

  @Test
  void activationLayerAppliesTheFunctionElementWise() {
    NetworkAssembler assembly = assemble(InputType.feedForward(3), new ActivationLayer.Config(ActivationFunction.TANH, null, null));
    INDArray x = Nd4j.createFromArray(new double[][] {{-1, 0, 2}});

    assertThat(build(assembly).output(x).toDoubleVector())
        .containsExactly(new double[] {Math.tanh(-1), 0, Math.tanh(2)}, within(1e-12));
  }

  private static MultiLayerNetwork build(NetworkAssembler assembly) {
    MultiLayerNetwork network = new MultiLayerNetwork(assembly.configuration());
    network.init();
    return network;
  }

  private static NetworkAssembler assemble(InputType input, LayerConfig config) {
    NetworkAssembler assembly = new NetworkAssembler(
        NetworkRole.DISCRIMINATOR, DataType.DOUBLE, input, 12345, new org.nd4j.linalg.learning.config.Sgd(0.1));
    @SuppressWarnings({"unchecked", "rawtypes"})
    dev.ganforge.api.PluginProvider provider = PluginContracts.classpathRegistry()
        .find(PluginKind.LAYER, config instanceof DenseLayer.Config ? "dense" : "activation").orElseThrow().provider();
    ((dev.ganforge.api.layer.Layer) provider.create(config, PluginContracts.context(DataType.DOUBLE))).appendTo(assembly);
    return assembly;
  }
}
