package dev.ganforge.core.testing;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.layer.NetworkAssembly;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A chain-only {@link NetworkAssembly} for layer tests: records the DL4J layers a layer plugin appends
 * and can build them into a {@link MultiLayerNetwork}. It tracks types with each layer's own
 * {@code getOutputType}, so it does not insert the preprocessors that mixed conv/dense chains need.
 */
public final class RecordingAssembly implements NetworkAssembly {
  private final NetworkRole role;
  private final DataType dataType;
  private final InputType inputType;
  private final List<Layer> layers = new ArrayList<>();
  private InputType current;

  public RecordingAssembly(NetworkRole role, DataType dataType, InputType inputType) {
    this.role = role;
    this.dataType = dataType;
    this.inputType = inputType;
    this.current = inputType;
  }

  @Override
  public NetworkRole role() {
    return role;
  }

  @Override
  public DataType dataType() {
    return dataType;
  }

  @Override
  public InputType currentType() {
    return current;
  }

  @Override
  public String append(Layer layer) {
    String name = "layer" + layers.size();
    layer.setLayerName(name);
    current = layer.getOutputType(layers.size(), current);
    layers.add(layer);
    return name;
  }

  @Override
  public String sideInput(String name, InputType type) {
    throw new UnsupportedOperationException("RecordingAssembly builds chains only");
  }

  @Override
  public String appendVertex(GraphVertex vertex, String... sideInputs) {
    throw new UnsupportedOperationException("RecordingAssembly builds chains only");
  }

  /** The layers appended so far. */
  public List<Layer> layers() {
    return List.copyOf(layers);
  }

  /** A fresh, initialised network of the appended layers. */
  public MultiLayerNetwork build() {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
        .seed(12345)
        .dataType(dataType)
        .list();
    for (Layer layer : layers) {
      list.layer(layer.clone());
    }
    MultiLayerNetwork network = new MultiLayerNetwork(list.setInputType(inputType).build());
    network.init();
    return network;
  }

}
