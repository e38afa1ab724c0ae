package dev.ganforge.api.layer;

import dev.ganforge.api.PublicApi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters carried from one network to another of a different shape, layer by layer: how a grown
 * network keeps what the smaller one learned (progressive growing), and how a weight average follows it.
 * Layers are matched by name, so a procedure that rebuilds a network keeps the names of the layers it
 * keeps.
 */
@PublicApi
public final class LayerParameters {
  private LayerParameters() {}

  /**
   * Copies into each layer of {@code to} the parameters of the layer of {@code from} that has the same
   * name, when both hold the same parameters in the same shapes; other layers of {@code to} keep theirs.
   *
   * @return the names of the layers copied, in {@code to}'s order
   */
  public static List<String> copyMatching(MultiLayerNetwork from, MultiLayerNetwork to) {
    Map<String, Layer> byName = new HashMap<>();
    for (Layer layer : from.getLayers()) {
      byName.put(layer.conf().getLayer().getLayerName(), layer);
    }
    List<String> copied = new ArrayList<>();
    for (Layer target : to.getLayers()) {
      String name = target.conf().getLayer().getLayerName();
      Layer source = byName.get(name);
      if (source != null && sameShapes(source.paramTable(), target.paramTable())) {
        source.paramTable().forEach((key, value) -> target.paramTable().get(key).assign(value));
        copied.add(name);
      }
    }
    return copied;
  }

  private static boolean sameShapes(Map<String, INDArray> a, Map<String, INDArray> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue().shape(), b.get(e.getKey()).shape()));
  }
}
