package dev.ganforge.core.engine;

import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.NetworkRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Live {@link NetworkParameters} of one network. A parameter is trainable unless its layer gives it the
 * {@code NoOp} updater, which is how DL4J's BatchNorm keeps its running statistics and how GANForge's
 * layers keep theirs (spectral normalization's power-iteration vector, virtual batch norm's reference
 * statistics).
 */
public final class NetworkParametersView implements NetworkParameters {
  private final NetworkRole role;
  private final MultiLayerNetwork network;
  /** Made on first use: which parameters are trainable does not change while the network lives. */
  private INDArray trainableMask;

  public NetworkParametersView(NetworkRole role, MultiLayerNetwork network) {
    this.role = role;
    this.network = network;
  }

  @Override
  public NetworkRole role() {
    return role;
  }

  /** The network these parameters belong to. */
  MultiLayerNetwork network() {
    return network;
  }

  @Override
  public INDArray all() {
    return network.params();
  }

  @Override
  public List<INDArray> trainable() {
    return parameters(true);
  }

  /** The parameters no optimizer updates (the network's state), one view per parameter array. */
  public List<INDArray> untrainable() {
    return parameters(false);
  }

  private List<INDArray> parameters(boolean trainable) {
    List<INDArray> found = new ArrayList<>();
    for (Layer layer : network.getLayers()) {
      for (Map.Entry<String, INDArray> parameter : layer.paramTable().entrySet()) {
        if (isTrainable(layer, parameter.getKey()) == trainable) {
          found.add(parameter.getValue());
        }
      }
    }
    return found;
  }

  @Override
  public INDArray trainableMask() {
    if (trainableMask == null) {
      trainableMask = mask();
    }
    return trainableMask;
  }

  private INDArray mask() {
    INDArray all = network.params();
    double[] mask = new double[(int) all.length()];
    for (INDArray parameter : trainable()) {
      // Parameter arrays are contiguous segments of the network's flattened buffer.
      int start = (int) (parameter.offset() - all.offset());
      Arrays.fill(mask, start, start + (int) parameter.length(), 1.0);
    }
    return Nd4j.createFromArray(mask).castTo(all.dataType()).reshape(all.shape());
  }

  private static boolean isTrainable(Layer layer, String key) {
    return !(layer.conf().getLayer().getUpdaterByParam(key) instanceof NoOp);
  }

  @Override
  public INDArray parameter(String layerName, String key) {
    Layer[] layers = network.getLayers();
    for (Layer layer : layers) {
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
