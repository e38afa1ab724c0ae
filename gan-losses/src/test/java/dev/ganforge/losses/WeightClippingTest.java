package dev.ganforge.losses;

import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import org.junit.jupiter.api.Test;

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

  // What it clamps in a real critic, and what it leaves alone: gan-engine-tests'
  // WeightClippingOnRealNetworksTest, through the engine's own view of a network's parameters.
}
