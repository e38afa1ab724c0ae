package dev.ganforge.layers.equalized;

import dev.ganforge.api.layer.LayerInstantiation;
import dev.ganforge.layers.dense.DenseRuntime;
import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer with an equalized learning rate (Karras et al. 2018; StyleGAN's lrMultiplier):
 * stored weights start as N(0, 1 / lrMultiplier^2) and are used as {@code W * lrMultiplier * gain /
 * sqrt(nIn)}, the bias as {@code b * lrMultiplier}. Gradients are scaled by the same constants, so with
 * Adam (whose steps do not depend on the gradient's scale) every layer's effective weights move at a rate
 * proportional to lrMultiplier, whatever its fan-in.
 */
public class EqualizedDense extends DenseLayer implements EqualizedScaling {
  private double lrMultiplier = 1;
  private double gain = 1;

  /** For DL4J's JSON mapper. */
  public EqualizedDense() {}

  public EqualizedDense(long nOut, IActivation activation, boolean hasBias, double lrMultiplier, double gain) {
    setNOut(nOut);
    setActivationFn(activation);
    setHasBias(hasBias);
    setHasLayerNorm(false);
    setWeightInitFn(new WeightInitDistribution(new NormalDistribution(0, 1 / lrMultiplier)));
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
    return lrMultiplier * gain / Math.sqrt(getNIn());
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerInstantiation.wire(
        new Implementation(conf, dataType), conf, listeners, index, paramsView, initializeParams);
  }

  /** The layer at run time. */
  static final class Implementation extends DenseRuntime {
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
