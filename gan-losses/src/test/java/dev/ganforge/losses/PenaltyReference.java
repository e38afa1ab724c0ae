package dev.ganforge.losses;

import dev.ganforge.api.RandomSource;
import dev.ganforge.api.regularizer.Regularizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An independent float64 reference for the input-gradient penalties, sharing none of their code: anchors
 * as the papers write them (from the same random draws), per-sample input gradients of the summed scores
 * by plain DL4J backprop, the value {@code weight * mean_i phi(|g_i|)}, and its parameter gradient by
 * central differences over every parameter (step 1e-6), each evaluation starting from the same
 * parameters and state.
 *
 * <p>Its own error: truncation O(1e-12) for smooth critics; LeakyReLU critics have input gradients
 * piecewise constant in the parameters, so the difference is exact unless a 1e-6 move crosses a kink,
 * which the tests' fixed seeds do not (a crossing would show as an error of order one). Spectral
 * normalization's u must have converged (see the test): the layers hold u constant in their gradient.
 */
final class PenaltyReference {
  private static final double STEP = 1e-6;
  private final MultiLayerNetwork network;
  private final INDArray parameters;
  private final double weight;

  /** A reference over a float64 {@code network} (its parameters now are the point of evaluation). */
  PenaltyReference(MultiLayerNetwork network, double weight) {
    this.network = network;
    this.parameters = network.params().dup();
    this.weight = weight;
  }

  /**
   * Where each penalty evaluates the gradient, as published, drawing as the implementations do.
   * WGAN-GP (Gulrajani et al. 2017, algorithm 1): {@code eps x + (1 - eps) x~}, one eps per sample.
   * DRAGAN (Kodali et al. 2017, the authors' code): {@code X_p = X + 0.5 std(X) U} with numpy's std
   * (population) over the whole batch and U uniform per element, then {@code X + alpha (X_p - X)}, one
   * alpha per sample. R1 at the real data, R2 at the fakes (Mescheder et al. 2018).
   */
  static INDArray anchors(Regularizer regularizer, INDArray real, INDArray fake, RandomSource draws) {
    INDArray x = real.castTo(DataType.DOUBLE);
    INDArray generated = fake.castTo(DataType.DOUBLE);
    long n = x.size(0);
    long d = x.length() / n;
    if (regularizer instanceof GradientPenalty) {
      INDArray eps = draws.uniform(DataType.DOUBLE, 0, 1, n, 1);
      INDArray result = Nd4j.create(DataType.DOUBLE, n, d);
      for (int i = 0; i < n; i++) {
        double e = eps.getDouble(i, 0);
        result.getRow(i).assign(rows(x).getRow(i).mul(e).add(rows(generated).getRow(i).mul(1 - e)));
      }
      return result.reshape('c', x.shape());
    }
    if (regularizer instanceof Dragan) {
      double mean = x.meanNumber().doubleValue();
      double populationStd = Math.sqrt(x.sub(mean).mul(x.sub(mean)).meanNumber().doubleValue());
      INDArray u = draws.uniform(DataType.DOUBLE, 0, 1, n, d);
      INDArray alpha = draws.uniform(DataType.DOUBLE, 0, 1, n, 1).rsub(1.0);
      INDArray perturbed = rows(x).add(u.mul(0.5 * populationStd));
      INDArray result = rows(x).dup();
      for (int i = 0; i < n; i++) {
        result.getRow(i).addi(perturbed.getRow(i).sub(rows(x).getRow(i)).mul(alpha.getDouble(i, 0)));
      }
      return result.reshape('c', x.shape());
    }
    return regularizer instanceof R2Penalty ? generated : x;
  }

  /** The penalty at {@code anchors} with the current parameters. */
  double value(INDArray anchors, long maskSeed, Regularizer regularizer) {
    return valueAt(parameters, anchors, maskSeed, regularizer);
  }

  /** d value / d parameters by central differences, every parameter in turn. */
  INDArray parameterGradient(INDArray anchors, long maskSeed, Regularizer regularizer) {
    INDArray gradient = Nd4j.create(DataType.DOUBLE, 1, parameters.length());
    for (long j = 0; j < parameters.length(); j++) {
      INDArray moved = parameters.dup();
      moved.putScalar(j, parameters.getDouble(j) + STEP);
      double plus = valueAt(moved, anchors, maskSeed, regularizer);
      moved.putScalar(j, parameters.getDouble(j) - STEP);
      double minus = valueAt(moved, anchors, maskSeed, regularizer);
      gradient.putScalar(j, (plus - minus) / (2 * STEP));
    }
    network.params().assign(parameters);
    return gradient;
  }

  private double valueAt(INDArray point, INDArray anchors, long maskSeed, Regularizer regularizer) {
    network.params().assign(point);
    Nd4j.getRandom().setSeed(maskSeed);
    network.setInput(anchors);
    network.feedForward(true, false);
    INDArray g = rows(network.backpropGradient(Nd4j.ones(DataType.DOUBLE, anchors.size(0), 1),
        LayerWorkspaceMgr.noWorkspaces()).getSecond());
    double sum = 0;
    for (int i = 0; i < g.rows(); i++) {
      double norm = g.getRow(i).norm2Number().doubleValue();
      boolean distanceFromOne = regularizer instanceof GradientPenalty || regularizer instanceof Dragan;
      sum += distanceFromOne ? (norm - 1) * (norm - 1) : norm * norm / 2;
    }
    return weight * sum / g.rows();
  }

  private static INDArray rows(INDArray batch) {
    return batch.reshape('c', batch.size(0), batch.length() / batch.size(0));
  }
}
