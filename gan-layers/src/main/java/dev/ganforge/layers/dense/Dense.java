package dev.ganforge.layers.dense;

import dev.ganforge.api.layer.LayerInstantiation;
import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** DL4J's dense layer configuration, run by {@link DenseRuntime}; the {@code dense} layer type builds it. */
public class Dense extends DenseLayer {

  /** For DL4J's JSON mapper. */
  public Dense() {}

  public Dense(long nOut, IActivation activation, IWeightInit weightInit, boolean hasBias) {
    setNOut(nOut);
    setActivationFn(activation);
    setWeightInitFn(weightInit);
    setHasBias(hasBias);
    setHasLayerNorm(false);
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerInstantiation.wire(
        new DenseRuntime(conf, dataType), conf, listeners, index, paramsView, initializeParams);
  }
}
