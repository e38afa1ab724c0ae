package dev.ganforge.api.layer;

import dev.ganforge.api.PublicApi;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every DL4J layer configuration's {@code instantiate} does, for a plugin's own run-time layer
 * classes: a custom DL4J layer's {@code instantiate} creates its run-time layer and calls {@link #wire}.
 */
@PublicApi
public final class LayerInstantiation {
  private LayerInstantiation() {}

  /** Wires {@code layer} to its configuration and to its slice of the network's parameters. */
  public static Layer wire(Layer layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
      int index, INDArray paramsView, boolean initializeParams) {
    layer.setListeners(listeners);
    layer.setIndex(index);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(conf.getLayer().initializer().init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }
}
