package dev.ganforge.losses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.regularizer.Regularizer;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

final class WeightClippingTest {
  @Test
  void isDiscoveredAsARegularizer() {
    PluginContracts.assertDiscovered(PluginKind.REGULARIZER, "weight-clipping", WeightClipping.Provider.class);
  }

  @Test
  void configRoundTripsWithTheWganDefault() {
    PluginContracts.assertRoundTrip(RegularizerConfig.class, "{type: weight-clipping}", new WeightClipping.Config(0.01));
    PluginContracts.assertRoundTrip(
        RegularizerConfig.class, "{type: weight-clipping, clip: 0.05}", new WeightClipping.Config(0.05));
  }

  @Test
  void clampsTheLiveParametersAfterEachDiscriminatorUpdate() {
    INDArray parameters = Nd4j.createFromArray(new float[] {-0.5f, -0.01f, 0.003f, 0.02f, 7f});
    Regularizer clipping = new WeightClipping(new WeightClipping.Config(0.01));

    clipping.afterUpdate(view(parameters), 0);

    assertThat(clipping.network()).isEqualTo(NetworkRole.DISCRIMINATOR);
    assertThat(parameters.toFloatVector()).containsExactly(-0.01f, -0.01f, 0.003f, 0.01f, 0.01f);
    assertThat(parameters.dataType()).isEqualTo(DataType.FLOAT);
  }

  @Test
  void leavesWhatIsNotTrainableAlone() {
    // The middle entry stands for a BatchNorm running variance: state, not a weight.
    INDArray parameters = Nd4j.createFromArray(new float[] {-0.5f, 3f, 7f});
    INDArray trainable = Nd4j.createFromArray(new float[] {1f, 0f, 1f});

    new WeightClipping(new WeightClipping.Config(0.01)).afterUpdate(new FlatParameters(parameters, trainable), 0);

    assertThat(parameters.toFloatVector()).containsExactly(-0.01f, 3f, 0.01f);
  }

  private static NetworkParameters view(INDArray flattened) {
    return FlatParameters.of(flattened);
  }

}
