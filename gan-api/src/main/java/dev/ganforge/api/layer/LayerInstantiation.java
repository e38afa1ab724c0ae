package dev.ganforge.api.layer;

import dev.ganforge.api.PublicApi;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
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

  /**
   * The memory report of a layer that holds {@code parameters} values and needs no working memory
   * beyond its output (DL4J asks every layer configuration for one).
   */
  public static LayerMemoryReport memoryReport(org.deeplearning4j.nn.conf.layers.Layer layer, InputType input,
      InputType output, long parameters) {
    return new LayerMemoryReport.Builder(layer.getLayerName(), layer.getClass(), input, output)
        .standardMemory(parameters, 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }
}
