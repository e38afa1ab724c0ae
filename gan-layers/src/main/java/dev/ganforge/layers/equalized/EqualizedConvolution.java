package dev.ganforge.layers.equalized;

import dev.ganforge.api.layer.LayerInstantiation;
import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's 2-D convolution with an equalized learning rate, as {@link EqualizedDense}; the fan-in is
 * {@code in * kh * kw}.
 */
public class EqualizedConvolution extends ConvolutionLayer implements EqualizedScaling {
  private double lrMultiplier = 1;
  private double gain = 1;

  /** For DL4J's JSON mapper. */
  public EqualizedConvolution() {}

  public EqualizedConvolution(ConvolutionLayer.Builder builder, double lrMultiplier, double gain) {
    super(builder.weightInit(new WeightInitDistribution(new NormalDistribution(0, 1 / lrMultiplier))));
    this.lrMultiplier = lrMultiplier;
    this.gain = gain;
  }

  @Override
  public double getLrMultiplier() {
    return lrMultiplier;
  }

  public void setLrMultiplier(double lrMultiplier) {
    this.lrMultiplier = lrMultiplier;
  }

  public double getGain() {
    return gain;
  }

  public void setGain(double gain) {
    this.gain = gain;
  }

  @Override
  public double weightScale() {
    return lrMultiplier * gain / Math.sqrt((double) getNIn() * getKernelSize()[0] * getKernelSize()[1]);
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerInstantiation.wire(
        new Implementation(conf, dataType), conf, listeners, index, paramsView, initializeParams);
  }

  /** The layer at run time. */
  static final class Implementation extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
    Implementation(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    private double scale(String param) {
      return ((EqualizedScaling) layerConf()).scaleFor(param);
    }

    @Override
    protected INDArray getParamWithNoise(String param, boolean training, LayerWorkspaceMgr workspaceMgr) {
      return super.getParamWithNoise(param, training, workspaceMgr).mul(scale(param));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      Pair<Gradient, INDArray> result = super.backpropGradient(epsilon, workspaceMgr);
      gradientViews.forEach((param, gradient) -> gradient.muli(scale(param)));
      return result;
    }
  }
}
