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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

final class FlattenLayerTest {
  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.LAYER, "flatten", FlattenLayer.Provider.class);
  }

  @Test
  void configHasNoKeys() {
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: flatten}", new FlattenLayer.Config());
  }

  @Test
  void anImageBecomesAVectorInRowMajorChannelHeightWidthOrder() {
    NetworkAssembler assembly = assemble(InputType.convolutional(3, 4, 2), "{type: flatten}");
    INDArray x = gaussian(31, 5, 2, 3, 4);

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
  void undoesAReshapeToAnImage() {
    INDArray x = gaussian(32, 5, 24);

    INDArray y = build(assemble(InputType.feedForward(24), "{type: reshape, shape: [2, 3, 4]}", "{type: flatten}"))
        .output(x);

    assertThat(y.toDoubleMatrix()).isDeepEqualTo(x.toDoubleMatrix());
  }

  @Test
  void feedsADenseLayerTheFlattenedImage() {
    // conv2d -> flatten -> dense, the end of a DCGAN discriminator: dense sees x flattened as above.
    MultiLayerNetwork network = build(assemble(InputType.convolutional(3, 4, 2),
        "{type: flatten}", "{type: dense, units: 1}"));
    INDArray x = gaussian(33, 5, 2, 3, 4);
    INDArray expected = x.reshape('c', 5, 24).mmul(network.getParam("0_W")).addiRowVector(network.getParam("0_b"));

    assertThat(network.output(x).toDoubleVector()).containsExactly(expected.toDoubleVector(), within(1e-12));
  }

  @Test
  void aVectorPassesUnchanged() {
    NetworkAssembler assembly = assemble(InputType.feedForward(5), "{type: flatten}");

    assertThat(assembly.currentType()).isEqualTo(InputType.feedForward(5));
    assertThat(assembly.size()).isZero();
  }
}
