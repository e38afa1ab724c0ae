package dev.ganforge.core.engine;

import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.NetworkRole;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Live {@link NetworkParameters} of one network. */
record NetworkParametersView(NetworkRole role, MultiLayerNetwork network) implements NetworkParameters {

  @Override
  public INDArray flattened() {
    return network.params();
  }

  @Override
  public INDArray parameter(String layerName, String key) {
    org.deeplearning4j.nn.api.Layer[] layers = network.getLayers();
    for (org.deeplearning4j.nn.api.Layer layer : layers) {
      if (layerName.equals(layer.conf().getLayer().getLayerName())) {
        INDArray parameter = layer.paramTable().get(key);
        if (parameter == null) {
          throw new IllegalArgumentException("layer '" + layerName + "' has no parameter '" + key
              + "'; it has " + layer.paramTable().keySet());
        }
        return parameter;
      }
    }
    throw new IllegalArgumentException("no layer '" + layerName + "' in the " + role + "; layers: "
        + Arrays.stream(layers).map(l -> l.conf().getLayer().getLayerName()).toList());
  }
}
