package dev.ganforge.progressive;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What DL4J asks of a run-time layer without parameters, for the fade-in's branch and switch. */
abstract class ParameterFreeRuntime<C extends org.deeplearning4j.nn.conf.layers.Layer> extends AbstractLayer<C> {

  ParameterFreeRuntime(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public Type type() {
    return Type.FEED_FORWARD;
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public void clearNoiseWeightParams() {}

  @Override
  public double calcRegularizationScore(boolean backpropOnlyParams) {
    return 0;
  }

  @Override
  public INDArray params() {
    return null;
  }
}
