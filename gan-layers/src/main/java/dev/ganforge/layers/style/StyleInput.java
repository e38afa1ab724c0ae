package dev.ganforge.layers.style;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.layer.NetworkAssembly;
import java.util.List;

/** Where a modulated layer's style comes from: the nearest mapping network before it. */
record StyleInput(int index, long size) {
  static StyleInput find(NetworkAssembly network, String type) {
    List<org.deeplearning4j.nn.conf.layers.Layer> layers = network.appendedLayers();
    for (int i = layers.size() - 1; i >= 0; i--) {
      if (layers.get(i) instanceof StyleSource source) {
        return new StyleInput(i, source.getNIn());
      }
    }
    throw new InvalidConfigException("type", type + " reads the style w of a mapping network, but none comes "
        + "before it in the " + network.role().name().toLowerCase(java.util.Locale.ROOT)
        + "; put {type: mapping-network} first");
  }
}
