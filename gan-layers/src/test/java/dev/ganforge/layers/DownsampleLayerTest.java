package dev.ganforge.layers;

import static dev.ganforge.layers.testing.TestNetworks.assemble;
import static dev.ganforge.layers.testing.TestNetworks.build;
import static dev.ganforge.layers.testing.TestNetworks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.engine.NetworkAssembler;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

final class DownsampleLayerTest {
  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "downsample", DownsampleLayer.Provider.class);
  }

  @Test
  void configRoundTripsWithDefaults() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: downsample}", new DownsampleLayer.Config(2));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: downsample, factor: 3}", new DownsampleLayer.Config(3));
  }

  @Test
  void averagesEachFactorByFactorBlock() {
    NetworkAssembler assembly = assemble(InputType.convolutional(6, 9, 2), "{type: downsample, factor: 3}");
    INDArray x = gaussian(42, 4, 2, 6, 9);

    INDArray y = build(assembly).output(x);

    assertThat(assembly.currentType()).isEqualTo(InputType.convolutional(2, 3, 2));
    assertThat(y.shape()).containsExactly(4, 2, 2, 3);
    for (int n = 0; n < 4; n++) {
      for (int c = 0; c < 2; c++) {
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 3; j++) {
            double sum = 0;
            for (int u = 0; u < 3; u++) {
              for (int v = 0; v < 3; v++) {
                sum += x.getDouble(n, c, 3 * i + u, 3 * j + v);
              }
            }
            assertThat(y.getDouble(n, c, i, j)).isCloseTo(sum / 9, within(1e-12));
          }
        }
      }
    }
  }
}
