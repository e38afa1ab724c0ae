package dev.ganforge.layers.minibatch;

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
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Minibatch discrimination at run time, with its backward pass written out:
 *
 * <pre>
 *   M = x T                      [N, B, C]
 *   D_ijbc = M_ibc - M_jbc       [N, N, B, C]
 *   K_ijb = exp(-sum_c |D_ijbc|) [N, N, B]
 *   o_ib = sum_j K_ijb - 1       (the j = i term is exp(0) = 1)
 *   dL/dD_ijbc = -K_ijb do_ib sign(D_ijbc)
 *   dL/dM_ibc = sum_j dL/dD_ijbc - sum_j dL/dD_jibc
 * </pre>
 *
 * Memory is N^2 B C values per pass: 64 x 64 x 32 x 16 doubles is 16 MB.
 */
final class MinibatchDiscriminationRuntime extends BaseLayer<MinibatchDiscrimination> {

  MinibatchDiscriminationRuntime(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  private INDArray projected(INDArray x) {
    MinibatchDiscrimination conf = layerConf();
    return x.mmul(params.get(ProjectionInitializer.PROJECTION))
        .reshape('c', x.size(0), conf.getKernels(), conf.getKernelDimension());
  }

  /** D_ijbc = M_ibc - M_jbc. */
  private static INDArray differences(INDArray m) {
    long n = m.size(0);
    long b = m.size(1);
    long c = m.size(2);
    INDArray rows = m.reshape('c', n, 1, b, c).repeat(1, n);
    INDArray columns = m.reshape('c', 1, n, b, c).repeat(0, n);
    return rows.subi(columns);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    INDArray x = input.castTo(dataType);
    INDArray closeness = Transforms.exp(Transforms.abs(differences(projected(x)), false).sum(3).negi(), false)
        .sum(1).subi(1);
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, Nd4j.concat(1, x, closeness));
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    INDArray x = input.castTo(dataType);
    long n = x.size(0);
    long a = x.size(1);
    INDArray projection = params.get(ProjectionInitializer.PROJECTION);
    INDArray direct = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, a)).dup();
    INDArray closenessGradient = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(a, epsilon.size(1))).dup();

    INDArray m = projected(x);
    long b = m.size(1);
    long c = m.size(2);
    INDArray d = differences(m);
    INDArray kernel = Transforms.exp(Transforms.abs(d, true).sum(3).negi(), false); // [N, N, B]
    // dL/dL1_ijb = -K_ijb do_ib, broadcast over j and then over c.
    INDArray l1Gradient = kernel.muli(closenessGradient.reshape('c', n, 1, b)).negi();
    INDArray dGradient = Transforms.sign(d, false).muli(l1Gradient.reshape('c', n, n, b, 1));
    INDArray mGradient = dGradient.sum(1).subi(dGradient.sum(0)).reshape('c', n, b * c);

    INDArray projectionGradient = gradientViews.get(ProjectionInitializer.PROJECTION);
    projectionGradient.assign(x.transpose().mmul(mGradient));
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    gradient.gradientForVariable().put(ProjectionInitializer.PROJECTION, projectionGradient);
    INDArray inputGradient = direct.addi(mGradient.mmul(projection.transpose()));
    return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }
}
