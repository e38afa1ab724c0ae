package dev.ganforge.layers.noise;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Noise injection at run time. The noise of the last forward pass is kept for the backward pass:
 * {@code dL/dx = dy}, {@code dL/ds_c = sum over samples and pixels of dy_c * noise}.
 */
final class NoiseInjectionRuntime extends BaseLayer<NoiseInjection> {
  private INDArray noise;

  NoiseInjectionRuntime(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** The strength shaped to broadcast over x: {@code [1, C]} or {@code [1, C, 1, 1]}. */
  private INDArray strength(INDArray x) {
    INDArray s = params.get(NoiseInjection.STRENGTH);
    return x.rank() == 4 ? s.reshape('c', 1, s.length(), 1, 1) : s;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    INDArray x = input.castTo(dataType);
    long[] noiseShape = x.shape().clone();
    if (x.rank() == 4) {
      noiseShape[1] = 1;
    }
    noise = Nd4j.randn(dataType, noiseShape);
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, x.add(noise.mul(strength(x))));
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    INDArray strengthGradient = gradientViews.get(NoiseInjection.STRENGTH);
    INDArray perChannel = epsilon.mul(noise);
    strengthGradient.assign(perChannel.rank() == 4 ? perChannel.sum(0, 2, 3) : perChannel.sum(0));
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    gradient.gradientForVariable().put(NoiseInjection.STRENGTH, strengthGradient);
    return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, epsilon.dup()));
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }
}
