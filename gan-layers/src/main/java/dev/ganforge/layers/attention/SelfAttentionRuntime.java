package dev.ganforge.layers.attention;

import dev.ganforge.layers.spectral.PowerIteration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Self-attention at run time, one sample at a time, with X the sample as {@code [C, n]} (n = H W):
 *
 * <pre>
 *   F = Wf X, G = Wg X [k, n];  H = Wh X [C, n];  S = F^T G [n, n]
 *   B = column-wise softmax of S (B_ij: how much position j attends to position i)
 *   O = H B;  Y = gamma O + X
 * backward, from dY:
 *   dgamma = sum dY * O;  dO = gamma dY;  dH = dO B^T;  dB = H^T dO
 *   dS_ij = B_ij (dB_ij - sum_i' B_i'j dB_i'j);  dF = G dS^T;  dG = F dS
 *   dW = dF X^T (and alike);  dX = dY + Wf^T dF + Wg^T dG + Wh^T dH
 * </pre>
 * Spectrally normalized, each projection W is used as {@code W / sigma(W)}, its u advanced one power
 * iteration per training-mode forward pass, and dW converted as in {@link PowerIteration}.
 */
final class SelfAttentionRuntime extends BaseLayer<SelfAttention> {

  SelfAttentionRuntime(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** One sample's intermediate values. */
  private record Pass(INDArray x, INDArray f, INDArray g, INDArray h, INDArray attention, INDArray attended) {}

  /** A projection as the attention uses it: W, or {@code W / sigma(W)} when spectrally normalized. */
  private INDArray projection(String key) {
    INDArray w = params.get(key);
    return layerConf().isSpectral()
        ? w.div(PowerIteration.sigma(w.transpose().dup('c'), params.get(SelfAttention.vectorOf(key)))) : w;
  }

  private Pass forward(INDArray x) {
    INDArray f = projection(SelfAttention.QUERY).mmul(x);
    INDArray g = projection(SelfAttention.KEY).mmul(x);
    INDArray h = projection(SelfAttention.VALUE).mmul(x);
    INDArray scores = f.transpose().mmul(g);
    INDArray shifted = scores.subRowVector(scores.max(true, 0));
    INDArray exp = Transforms.exp(shifted, false);
    INDArray attention = exp.diviRowVector(exp.sum(true, 0));
    return new Pass(x, f, g, h, attention, h.mmul(attention));
  }

  private static INDArray sample(INDArray batch, long i) {
    return batch.get(NDArrayIndex.point(i)).reshape('c', batch.size(1), batch.size(2) * batch.size(3));
  }

  /** Sample i of a batch as a writable {@code [C, H, W]} view. */
  private static INDArray slice(INDArray batch, long i) {
    return batch.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
  }

  /** {@code [C, n]} back to the image shape {@code [C, H, W]} of {@code like}'s samples. */
  private static INDArray image(INDArray positions, INDArray like) {
    return positions.reshape('c', like.size(1), like.size(2), like.size(3));
  }

  private double gain() {
    return params.get(SelfAttention.GAIN).getDouble(0);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    if (training && layerConf().isSpectral()) {
      for (String key : SelfAttention.PROJECTIONS) {
        // PowerIteration's matrices are [fanIn, nOut]: W^T here, with u as long as W has rows.
        PowerIteration.step(params.get(key).transpose().dup('c'), params.get(SelfAttention.vectorOf(key)));
      }
    }
    INDArray x = input.castTo(dataType);
    INDArray output = x.dup('c');
    double gain = gain();
    for (long i = 0; i < x.size(0); i++) {
      slice(output, i).addi(image(forward(sample(x, i)).attended().muli(gain), x));
    }
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    INDArray x = input.castTo(dataType);
    INDArray dy = epsilon.castTo(dataType).dup('c');
    INDArray query = projection(SelfAttention.QUERY);
    INDArray key = projection(SelfAttention.KEY);
    INDArray value = projection(SelfAttention.VALUE);
    INDArray queryGradient = gradientViews.get(SelfAttention.QUERY).assign(0);
    INDArray keyGradient = gradientViews.get(SelfAttention.KEY).assign(0);
    INDArray valueGradient = gradientViews.get(SelfAttention.VALUE).assign(0);
    double gain = gain();
    double gainGradient = 0;
    INDArray inputGradient = dy.dup('c');
    for (long i = 0; i < x.size(0); i++) {
      Pass pass = forward(sample(x, i));
      INDArray dY = sample(dy, i);
      gainGradient += dY.mul(pass.attended()).sumNumber().doubleValue();
      INDArray dO = dY.mul(gain);
      INDArray dH = dO.mmul(pass.attention().transpose());
      INDArray dB = pass.h().transpose().mmul(dO);
      INDArray dS = pass.attention().mul(dB.subRowVector(pass.attention().mul(dB).sum(true, 0)));
      INDArray dF = pass.g().mmul(dS.transpose());
      INDArray dG = pass.f().mmul(dS);
      INDArray xT = pass.x().transpose();
      queryGradient.addi(dF.mmul(xT));
      keyGradient.addi(dG.mmul(xT));
      valueGradient.addi(dH.mmul(xT));
      slice(inputGradient, i).addi(image(query.transpose().mmul(dF).addi(key.transpose().mmul(dG))
          .addi(value.transpose().mmul(dH)), x));
    }
    INDArray gainView = gradientViews.get(SelfAttention.GAIN).assign(gainGradient);
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    gradient.gradientForVariable().put(SelfAttention.QUERY, queryGradient);
    gradient.gradientForVariable().put(SelfAttention.KEY, keyGradient);
    gradient.gradientForVariable().put(SelfAttention.VALUE, valueGradient);
    gradient.gradientForVariable().put(SelfAttention.GAIN, gainView);
    if (layerConf().isSpectral()) {
      for (String projection : SelfAttention.PROJECTIONS) {
        INDArray raw = gradientViews.get(projection).transpose().dup('f'); // as the dense layers' gradients are
        PowerIteration.toRawWeightGradient(params.get(projection).transpose().dup('c'),
            params.get(SelfAttention.vectorOf(projection)), raw);
        gradientViews.get(projection).assign(raw.transpose());
        String vector = SelfAttention.vectorOf(projection);
        gradient.gradientForVariable().put(vector, gradientViews.get(vector).assign(0));
      }
    }
    return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }
}
