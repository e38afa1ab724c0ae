package dev.ganforge.layers.normalization;

import dev.ganforge.api.layer.ReferenceNormalized;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Virtual batch normalization at run time. Recording, it stores the mean and (biased) variance of its
 * input over the batch (and pixels) as the reference statistics, then normalizes with them. Backward
 * treats the statistics as constants, as batch norm does at inference: {@code dx = dy gamma / sd},
 * {@code dgamma = sum dy xhat}, {@code dbeta = sum dy}; the reference statistics get no gradient.
 */
final class VirtualBatchNormalizationRuntime extends BaseLayer<VirtualBatchNormalization>
    implements ReferenceNormalized {
  private boolean recording;

  VirtualBatchNormalizationRuntime(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public int referenceSize() {
    return layerConf().getReferenceSize();
  }

  @Override
  public void setRecordingReference(boolean recording) {
    this.recording = recording;
  }

  /** Per-unit or per-channel values shaped to broadcast against x. */
  private static INDArray broadcastable(INDArray values, INDArray x) {
    return x.rank() == 4 ? values.reshape('c', 1, values.length(), 1, 1) : values.reshape(1, values.length());
  }

  private INDArray standardDeviation() {
    return Transforms.sqrt(params.get(VirtualBatchNormalization.REFERENCE_VARIANCE)
        .add(layerConf().getEpsilon()), false);
  }

  private INDArray normalized(INDArray x) {
    INDArray mean = params.get(VirtualBatchNormalization.REFERENCE_MEAN);
    return x.sub(broadcastable(mean, x)).divi(broadcastable(standardDeviation(), x));
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    INDArray x = input.castTo(dataType);
    if (recording) {
      int[] axes = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
      INDArray mean = x.mean(axes);
      INDArray centred = x.sub(broadcastable(mean, x));
      INDArray variance = centred.mul(centred).mean(axes);
      params.get(VirtualBatchNormalization.REFERENCE_MEAN).assign(mean.reshape(1, mean.length()));
      params.get(VirtualBatchNormalization.REFERENCE_VARIANCE).assign(variance.reshape(1, variance.length()));
    }
    INDArray output = normalized(x)
        .muli(broadcastable(params.get(VirtualBatchNormalization.GAMMA), x))
        .addi(broadcastable(params.get(VirtualBatchNormalization.BETA), x));
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    INDArray x = input.castTo(dataType);
    INDArray gradientOut = epsilon.castTo(dataType);
    int[] axes = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
    INDArray gamma = params.get(VirtualBatchNormalization.GAMMA);
    INDArray inputGradient = gradientOut.mul(broadcastable(gamma.div(standardDeviation()), x));
    INDArray gammaGradient = gradientOut.mul(normalized(x)).sum(axes);
    INDArray betaGradient = gradientOut.sum(axes);

    gradientViews.get(VirtualBatchNormalization.GAMMA).assign(gammaGradient.reshape(1, gammaGradient.length()));
    gradientViews.get(VirtualBatchNormalization.BETA).assign(betaGradient.reshape(1, betaGradient.length()));
    gradientViews.get(VirtualBatchNormalization.REFERENCE_MEAN).assign(0);
    gradientViews.get(VirtualBatchNormalization.REFERENCE_VARIANCE).assign(0);
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    for (String key : new String[] {VirtualBatchNormalization.GAMMA, VirtualBatchNormalization.BETA,
        VirtualBatchNormalization.REFERENCE_MEAN, VirtualBatchNormalization.REFERENCE_VARIANCE}) {
      gradient.gradientForVariable().put(key, gradientViews.get(key));
    }
    return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }
}
