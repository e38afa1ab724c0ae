package dev.ganforge.layers.spectral;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a spectrally normalized layer does at run time, whatever DL4J layer it extends: advance u, hand
 * DL4J's kernels {@code W / sigma}, convert the weight gradient back to W. The layer's weight parameter
 * ({@code "W"} in DL4J's dense and convolution layers) is seen as the matrix {@code [fanIn, nOut]} that
 * {@link PowerIteration} expects through {@code toMatrix}, which must return views.
 */
final class SpectralWeights {
  static final String WEIGHT = "W";

  private final UnaryOperator<INDArray> toMatrix;
  /** W / sigma, rewritten at every use: one buffer per layer, in W's own order. */
  private INDArray normalized;

  SpectralWeights(UnaryOperator<INDArray> toMatrix) {
    this.toMatrix = toMatrix;
  }

  /** One power-iteration step on u; called before each training-mode forward pass. */
  void advance(Map<String, INDArray> params) {
    PowerIteration.step(toMatrix.apply(params.get(WEIGHT)), params.get(SpectralParamInitializer.U));
  }

  /** What DL4J's kernels get for {@code param}: {@code W / sigma} for the weights, anything else as is. */
  INDArray effective(String param, INDArray value, Map<String, INDArray> params) {
    if (!WEIGHT.equals(param)) {
      return value;
    }
    if (normalized == null || !normalized.equalShapes(value) || normalized.ordering() != value.ordering()) {
      // Kept across passes, so never in the workspace a pass may be running in (it is reset per cycle).
      try (MemoryWorkspace detached = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        normalized = value.ulike();
      }
    }
    return normalized.assign(value)
        .divi(PowerIteration.sigma(toMatrix.apply(value), params.get(SpectralParamInitializer.U)));
  }

  /**
   * After DL4J's backward pass: the weight gradient (with respect to {@code W / sigma}) becomes the
   * gradient with respect to W, and u's gradient is zero and listed in {@code gradient}.
   */
  void convertGradients(Map<String, INDArray> params, Map<String, INDArray> gradientViews, Gradient gradient) {
    INDArray view = toMatrix.apply(gradientViews.get(WEIGHT));
    // In place when the matrix is the gradient array itself (dense); else on a contiguous copy.
    INDArray matrix = view == gradientViews.get(WEIGHT) ? view : view.dup('f');
    PowerIteration.toRawWeightGradient(toMatrix.apply(params.get(WEIGHT)), params.get(SpectralParamInitializer.U),
        matrix);
    if (matrix != view) {
      view.assign(matrix);
    }
    INDArray uGradient = gradientViews.get(SpectralParamInitializer.U).assign(0);
    gradient.gradientForVariable().put(SpectralParamInitializer.U, uGradient);
  }
}
