package dev.ganforge.layers;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.config.ConfigException;
import dev.ganforge.core.engine.NetworkAssembler;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

final class ReshapeLayerTest {
  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "reshape", ReshapeLayer.Provider.class);
  }

  @Test
  void configRoundTrips() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: reshape, shape: [128, 7, 7]}",
        new ReshapeLayer.Config(List.of(128, 7, 7)));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: reshape, shape: [784]}",
        new ReshapeLayer.Config(List.of(784)));
  }

  @Test
  void shapeIsRequiredAndListsOneOrThreePositiveSizes() {
    assertThatThrownBy(() -> PluginContracts.mapper().read("{type: reshape}", false, "test", LayerConfig.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing required key 'shape'");
    assertThatThrownBy(() -> new ReshapeLayer.Config(List.of(7, 7)))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("shape"))
        .hasMessageContaining("[7, 7]");
    assertThatThrownBy(() -> new ReshapeLayer.Config(List.of(1, 0, 7)))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("shape"))
        .hasMessageContaining("positive");
  }

  @Test
  void aVectorBecomesAChannelsFirstImageInRowMajorOrder() {
    NetworkAssembler assembly = assemble(InputType.feedForward(24), "{type: reshape, shape: [2, 3, 4]}");
    INDArray x = gaussian(21, 5, 24);

    INDArray y = build(assembly).output(x);

    assertThat(assembly.currentType()).isEqualTo(InputType.convolutional(3, 4, 2));
    assertThat(y.shape()).containsExactly(5, 2, 3, 4);
    for (int n = 0; n < 5; n++) {
      for (int c = 0; c < 2; c++) {
        for (int h = 0; h < 3; h++) {
          for (int w = 0; w < 4; w++) {
            assertThat(y.getDouble(n, c, h, w)).isEqualTo(x.getDouble(n, c * 12 + h * 4 + w));
          }
        }
      }
    }
  }

  @Test
  void anImageBecomesAVectorInRowMajorOrder() {
    NetworkAssembler assembly = assemble(InputType.convolutional(3, 4, 2), "{type: reshape, shape: [24]}");
    INDArray x = gaussian(22, 5, 2, 3, 4);

    INDArray y = build(assembly).output(x);

    assertThat(assembly.currentType()).isEqualTo(InputType.feedForward(24));
    assertThat(y.shape()).containsExactly(5, 24);
    for (int n = 0; n < 5; n++) {
      for (int c = 0; c < 2; c++) {
        for (int h = 0; h < 3; h++) {
          for (int w = 0; w < 4; w++) {
            assertThat(y.getDouble(n, c * 12 + h * 4 + w)).isEqualTo(x.getDouble(n, c, h, w));
          }
        }
      }
    }
  }

  @Test
  void anImageCanBeRecutIntoAnotherOfTheSameSize() {
    NetworkAssembler assembly = assemble(InputType.convolutional(3, 4, 2), "{type: reshape, shape: [6, 2, 2]}");
    INDArray x = gaussian(23, 5, 2, 3, 4);

    INDArray y = build(assembly).output(x);

    assertThat(assembly.currentType()).isEqualTo(InputType.convolutional(2, 2, 6));
    assertThat(y.shape()).containsExactly(5, 6, 2, 2);
    assertThat(y.reshape('c', 5, 24).toDoubleMatrix()).isDeepEqualTo(x.reshape('c', 5, 24).toDoubleMatrix());
  }

  @Test
  void aShapeOfAnotherSizeThanTheActivationsIsRejectedNamingBoth() {
    assertThatThrownBy(() -> assemble(InputType.feedForward(100), "{type: reshape, shape: [128, 7, 7]}"))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("shape"))
        .hasMessageContaining("6272")
        .hasMessageContaining("100");
    assertThatThrownBy(() -> assemble(InputType.convolutional(7, 7, 2), "{type: reshape, shape: [100]}"))
        .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("shape"))
        .hasMessageContaining("100")
        .hasMessageContaining("98");
  }
}
