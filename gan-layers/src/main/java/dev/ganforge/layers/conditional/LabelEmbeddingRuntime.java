package dev.ganforge.layers.conditional;

import dev.ganforge.api.layer.LabelConditioned;
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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A label embedding at run time. With one-hot labels L, {@code e = L E}; for images e is broadcast over
 * the pixels. Backward: {@code dL/dE = L^T de}, with de the output gradient's embedding part (concat),
 * the output gradient (add) or the output gradient times x (multiply), summed over pixels; dL/dx is the
 * gradient's input part (concat), the gradient (add) or the gradient times e (multiply).
 */
final class LabelEmbeddingRuntime extends BaseLayer<LabelEmbedding> implements LabelConditioned {
  private INDArray labels;

  LabelEmbeddingRuntime(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public void setConditioningLabels(INDArray labels) {
    this.labels = labels;
  }

  /** e, {@code [N, size]}. */
  private INDArray embedded(long batch) {
    LabelEmbedding conf = layerConf();
    if (labels == null) {
      throw new IllegalStateException("label-embedding (" + conf.getLayerName() + ") was given no class labels: "
          + "it works only in a conditional model, whose engine hands each pass its labels");
    }
    if (labels.rank() != 2 || labels.size(0) != batch || labels.size(1) != conf.getClasses()) {
      throw new IllegalStateException("label-embedding (" + conf.getLayerName() + ") needs one-hot labels ["
          + batch + ", " + conf.getClasses() + "] for this batch, got " + java.util.Arrays.toString(labels.shape()));
    }
    return labels.castTo(dataType).mmul(params.get(LabelEmbedding.EMBEDDING));
  }

  /** e shaped to broadcast against x: {@code [N, size]} or {@code [N, size, 1, 1]}. */
  private static INDArray broadcastable(INDArray e, INDArray x) {
    return x.rank() == 4 ? e.reshape('c', e.size(0), e.size(1), 1, 1) : e;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    INDArray x = input.castTo(dataType);
    INDArray e = broadcastable(embedded(x.size(0)), x);
    INDArray output = switch (layerConf().getCombination()) {
      case ADD -> x.add(e);
      case MULTIPLY -> x.mul(e);
      case CONCAT -> Nd4j.concat(1, x, x.rank() == 4
          ? Nd4j.zeros(dataType, x.size(0), e.size(1), x.size(2), x.size(3)).addi(e) : e);
    };
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    INDArray x = input.castTo(dataType);
    INDArray e = broadcastable(embedded(x.size(0)), x);
    INDArray inputGradient;
    INDArray embeddingGradient; // shaped like the output's embedding part, before summing over pixels
    switch (layerConf().getCombination()) {
      case ADD -> {
        inputGradient = epsilon.dup();
        embeddingGradient = epsilon;
      }
      case MULTIPLY -> {
        inputGradient = epsilon.mul(e);
        embeddingGradient = epsilon.mul(x);
      }
      default -> {
        long width = x.size(1);
        inputGradient = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)).dup();
        embeddingGradient = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(width, epsilon.size(1)));
      }
    }
    INDArray perSample = embeddingGradient.rank() == 4 ? embeddingGradient.sum(2, 3) : embeddingGradient;
    INDArray tableGradient = gradientViews.get(LabelEmbedding.EMBEDDING);
    tableGradient.assign(labels.castTo(dataType).transpose().mmul(perSample));
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    gradient.gradientForVariable().put(LabelEmbedding.EMBEDDING, tableGradient);
    return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }
}
