package dev.ganforge.layers.normalization;

import dev.ganforge.layers.function.FunctionLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Pixel-wise feature normalization (Karras et al. 2018, ProGAN): each sample's feature vector (for
 * images: each pixel's vector of channels) divided by its root mean square, {@code x / sqrt(mean_c x^2 +
 * epsilon)}. Backward: {@code r dy - r^3 x mean_c(dy x)} with {@code r = (mean_c x^2 + epsilon)^(-1/2)}.
 */
public class PixelNormalization extends FunctionLayer {
  private double epsilon = 1e-8;

  /** For DL4J's JSON mapper. */
  public PixelNormalization() {}

  public PixelNormalization(double epsilon) {
    this.epsilon = epsilon;
  }

  public double getEpsilon() {
    return epsilon;
  }

  public void setEpsilon(double epsilon) {
    this.epsilon = epsilon;
  }

  /** {@code (mean_c x^2 + epsilon)^(-1/2)}, channel axis kept (size 1) for broadcasting. */
  private INDArray inverseRms(INDArray x) {
    return Transforms.pow(x.mul(x).mean(true, 1).addi(epsilon), -0.5, false);
  }

  @Override
  public INDArray forward(INDArray x) {
    return x.mul(inverseRms(x));
  }

  @Override
  public INDArray backward(INDArray x, INDArray outputGradient) {
    INDArray r = inverseRms(x);
    INDArray projection = outputGradient.mul(x).mean(true, 1); // mean_c(dy x)
    INDArray rCubed = r.mul(r).muli(r);
    return outputGradient.mul(r).subi(x.mul(rCubed.muli(projection)));
  }
}
