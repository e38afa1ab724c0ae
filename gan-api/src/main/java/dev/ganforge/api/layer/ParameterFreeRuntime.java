package dev.ganforge.api.layer;

import dev.ganforge.api.PublicApi;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What DL4J asks of a run-time layer without parameters beyond its forward and backward passes: a base
 * for a plugin's own parameter-free DL4J layers, which implement {@code activate} and
 * {@code backpropGradient}.
 *
 * @param <C> the layer's DL4J configuration class
 */
@PublicApi
public abstract class ParameterFreeRuntime<C extends org.deeplearning4j.nn.conf.layers.Layer>
    extends AbstractLayer<C> {

  /** A run-time layer for {@code conf}, computing in {@code dataType}. */
  protected ParameterFreeRuntime(NeuralNetConfiguration conf, DataType dataType) {
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
