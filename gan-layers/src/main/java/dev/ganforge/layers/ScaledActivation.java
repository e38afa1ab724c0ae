package dev.ganforge.layers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation times a constant gain, {@code gain * f(x)}: StyleGAN2's {@code bias_act} multiplies its
 * leaky ReLU by sqrt(2) (Karras et al. 2020), which keeps activations' magnitude from layer to layer as
 * He's initialization does for weights.
 */
public final class ScaledActivation extends BaseActivationFunction {
  private IActivation function;
  private double gain;

  /** For DL4J's JSON mapper. */
  public ScaledActivation() {}

  public ScaledActivation(IActivation function, double gain) {
    this.function = function;
    this.gain = gain;
  }

  public IActivation getFunction() {
    return function;
  }

  public void setFunction(IActivation function) {
    this.function = function;
  }

  public double getGain() {
    return gain;
  }

  public void setGain(double gain) {
    this.gain = gain;
  }

  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return function.getActivation(in, training).muli(gain);
  }

  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    return function.backprop(in, epsilon.mul(gain));
  }

  @Override
  public String toString() {
    return gain + " * " + function;
  }
}
