package dev.ganforge.layers.dense;

import java.util.Arrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer at run time with its matrix products written straight into row-major arrays.
 * DL4J 1.0.0-M2.1 creates the pre-activations row-major and multiplies with {@code mmuli}, which needs a
 * column-major result: it multiplies into a column-major temporary and copies that over, and the copy
 * took as long as the product (26% of the grid example's native time, docs/dl4j-findings.md). ND4J's
 * matrix-product op writes a row-major result directly, through oneDNN where the helpers are on; the
 * backward pass uses the same op for both of its products (see {@link #backpropGradient}). Layer norm,
 * masks, dropout and weight noise keep DL4J's own path. The extending layers (spectral, equalized) change
 * the weights through {@link #getParamWithNoise}, which this path reads as DL4J's does.
 */
public class DenseRuntime extends DenseLayer {
  public DenseRuntime(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** Whether this layer takes the direct path: none of layer norm, mask, dropout or weight noise. */
  private boolean plain() {
    return !hasLayerNorm() && maskArray == null && layerConf().getIDropout() == null
        && layerConf().getWeightNoise() == null;
  }

  @Override
  protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
      LayerWorkspaceMgr workspaceMgr) {
    if (!plain()) {
      return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
    }
    assertInputSet(forBackprop);
    INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
    INDArray input = this.input.castTo(weights.dataType());
    if (input.rank() != 2 || input.columns() != weights.rows()) {
      throw new DL4JInvalidInputException("Input of shape " + Arrays.toString(input.shape())
          + " does not fit a dense layer of " + weights.rows() + " inputs " + layerId());
    }
    INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(),
        new long[] {input.size(0), weights.size(1)}, 'c');
    Nd4j.gemm(input, weights, output, false, false, 1.0, 0.0);
    if (hasBias()) {
      output.addiRowVector(getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr));
    }
    return new Pair<>(output, output);
  }

  /**
   * DL4J's backward pass with both products through the matrix-product op into row-major arrays: the
   * error for the layer below directly, the weight gradient as the row-major transpose of its column-major
   * view. DL4J's {@code W.mmuli(delta.transpose())} into a column-major array, and the op itself when its
   * output is column-major, go to OpenBLAS, whose worker threads keep spinning after each product and take
   * the cores from the OpenMP threads of the ops that follow: the MLP benchmark's stalls of about 100 ms
   * every 20-40 steps (docs/dl4j-findings.md). With every product in oneDNN no second thread pool runs.
   */
  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    if (!plain()) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    INDArray preActivation = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
    INDArray delta = layerConf().getActivationFn().backprop(preActivation, epsilon).getFirst();
    Gradient gradient = new DefaultGradient();
    if (hasBias()) {
      INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
      delta.sum(biasGradient, 0);
      gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
    }
    INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
    INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
        new long[] {delta.size(0), weights.size(0)}, 'c');
    Nd4j.gemm(delta, weights, epsilonNext, false, true, 1.0, 0.0);
    INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    // The gradient view is column-major [in, out]: the same memory as the row-major [out, in] transpose,
    // written as delta^T input.
    Nd4j.gemm(delta, input.castTo(weightGradient.dataType()), weightGradient.transpose(), true, false, 1.0, 0.0);
    gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
    weightNoiseParams.clear();
    return new Pair<>(gradient, epsilonNext);
  }
}
