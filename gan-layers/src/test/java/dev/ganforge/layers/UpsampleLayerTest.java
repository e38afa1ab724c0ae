package dev.ganforge.layers;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.engine.NetworkAssembler;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

final class UpsampleLayerTest {
  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "upsample", UpsampleLayer.Provider.class);
  }

  @Test
  void configRoundTripsWithDefaults() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: upsample}", new UpsampleLayer.Config(2));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: upsample, factor: 3}", new UpsampleLayer.Config(3));
  }

  @Test
  void repeatsEachPixelFactorByFactorTimes() {
    NetworkAssembler assembly = assemble(InputType.convolutional(2, 3, 2), "{type: upsample, factor: 3}");
    INDArray x = gaussian(41, 4, 2, 2, 3);

    INDArray y = build(assembly).output(x);

    assertThat(assembly.currentType()).isEqualTo(InputType.convolutional(6, 9, 2));
    assertThat(y.shape()).containsExactly(4, 2, 6, 9);
    for (int n = 0; n < 4; n++) {
      for (int c = 0; c < 2; c++) {
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 9; j++) {
            assertThat(y.getDouble(n, c, i, j)).isEqualTo(x.getDouble(n, c, i / 3, j / 3));
          }
        }
      }
    }
  }
}
