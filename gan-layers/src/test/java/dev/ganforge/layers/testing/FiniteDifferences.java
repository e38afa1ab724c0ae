package dev.ganforge.layers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Checks a float64 network's backpropagation against central finite differences of the scalar
 * {@code sum(output(x) * weights)}, for the input and for every parameter but the excluded ones.
 *
 * <p>All passes run in inference mode, so layers with state that advances in training mode (spectral
 * normalization's power iteration) are differentiated at a fixed state. Step 1e-6 on float64: truncation
 * error ~1e-12 times the third derivative, rounding ~1e-16 / 1e-6 = 1e-10 of the value, so smooth layers
 * agree to about 1e-8 relative; the tolerance is 1e-6.
 */
public final class FiniteDifferences {
  private static final double STEP = 1e-6;
  public static final double TOLERANCE = 1e-6;

  private FiniteDifferences() {}

  /**
   * Asserts that backprop matches finite differences; {@code excluded} are parameter keys such as
   * {@code "0_u"} whose backprop gradient must instead be exactly zero (non-trainable state).
   */
  public static void assertGradientsMatch(MultiLayerNetwork network, INDArray x, INDArray weights, Set<String> excluded) {
    assertGradientsMatch(network, x, weights, excluded, () -> {});
  }

  /**
   * As above, running {@code beforeEachPass} before every forward pass: reseeding ND4J's random generator
   * there makes layers that draw noise draw the same noise every time.
   */
  public static void assertGradientsMatch(MultiLayerNetwork network, INDArray x, INDArray weights, Set<String> excluded,
      Runnable beforeEachPass) {
    beforeEachPass.run();
    network.setInput(x);
    network.feedForward(false, false);
    Pair<Gradient, INDArray> backprop = network.backpropGradient(weights, LayerWorkspaceMgr.noWorkspaces());
    INDArray inputGradient = backprop.getSecond().dup();
    Gradient gradient = backprop.getFirst();

    INDArray numericInput = x.dup();
    for (long i = 0; i < x.length(); i++) {
      numericInput.putScalar(Shape.ind2subC(x.shape(), i),
          derivative(network, x, x, i, weights, beforeEachPass));
    }
    assertClose("input", inputGradient, numericInput);

    for (Layer layer : network.getLayers()) {
      for (var entry : layer.paramTable().entrySet()) {
        String key = layer.getIndex() + "_" + entry.getKey();
        INDArray analytic = gradient.getGradientFor(key).dup();
        if (excluded.contains(key)) {
          assertThat(analytic.amaxNumber().doubleValue()).as("gradient of state " + key).isZero();
          continue;
        }
        INDArray parameter = entry.getValue();
        INDArray numeric = parameter.ulike();
        for (long i = 0; i < parameter.length(); i++) {
          numeric.putScalar(Shape.ind2subC(parameter.shape(), i),
              derivative(network, x, parameter, i, weights, beforeEachPass));
        }
        assertClose(key, analytic, numeric);
      }
    }
  }

  private static double derivative(MultiLayerNetwork network, INDArray x, INDArray target, long i, INDArray weights,
      Runnable beforeEachPass) {
    // Explicit row-major subscripts: a linear index means different elements for 'c' and 'f' arrays.
    long[] at = Shape.ind2subC(target.shape(), i);
    double original = target.getDouble(at);
    target.putScalar(at, original + STEP);
    beforeEachPass.run();
    double plus = network.output(x, false).mul(weights).sumNumber().doubleValue();
    target.putScalar(at, original - STEP);
    beforeEachPass.run();
    double minus = network.output(x, false).mul(weights).sumNumber().doubleValue();
    target.putScalar(at, original);
    return (plus - minus) / (2 * STEP);
  }

  private static void assertClose(String what, INDArray analytic, INDArray numeric) {
    double error = analytic.reshape(numeric.shape()).sub(numeric).norm2Number().doubleValue();
    double scale = Math.max(numeric.norm2Number().doubleValue(), 1e-12);
    assertThat(error / scale).as("relative L2 error of the gradient of " + what).isLessThan(TOLERANCE);
  }
}
