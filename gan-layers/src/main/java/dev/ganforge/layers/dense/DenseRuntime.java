package dev.ganforge.layers.dense;

import java.util.Arrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's dense layer at run time with its matrix product written straight into a row-major output.
 * DL4J 1.0.0-M2.1 creates the pre-activations row-major and multiplies with {@code mmuli}, which needs a
 * column-major result: it multiplies into a column-major temporary and copies that over, and the copy
 * took as long as the product (26% of the grid example's native time, docs/dl4j-findings.md). ND4J's
 * matrix-product op writes a row-major result directly, through oneDNN where the helpers are on. Layer
 * norm, masks, dropout and weight noise keep DL4J's own path. The extending layers (spectral, equalized)
 * change the weights through {@link #getParamWithNoise}, which this path reads as DL4J's does.
 */
public class DenseRuntime extends DenseLayer {
  public DenseRuntime(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
      LayerWorkspaceMgr workspaceMgr) {
    if (hasLayerNorm() || maskArray != null || layerConf().getIDropout() != null
        || layerConf().getWeightNoise() != null) {
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
}
