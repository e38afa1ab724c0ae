package dev.ganforge.core.engine;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Floating-point operations of a network, for reporting achieved GFLOP/s: the multiply-adds of its dense,
 * convolution and transposed-convolution layers (2 FLOPs each). Element-wise work (activations,
 * normalization, optimizer updates) is left out: it is memory-bound and small next to the products.
 * A backward pass counts twice its forward (gradients for the input and for the weights).
 */
public final class NetworkFlops {
  private NetworkFlops() {}

  /**
   * One forward pass's FLOPs.
   *
   * @param flops the counted FLOPs
   * @param uncounted layers with parameters that are not counted (custom layers; batch normalization is
   *     element-wise), by class name
   */
  public record Count(double flops, List<String> uncounted) {}

  /** Counts a forward pass of {@code input} (shapes come from running it once, in inference mode). */
  public static Count forward(MultiLayerNetwork network, INDArray input) {
    List<INDArray> activations = network.feedForward(input, false);
    double flops = 0;
    List<String> uncounted = new ArrayList<>();
    for (int i = 0; i < network.getnLayers(); i++) {
      Layer layer = network.getLayer(i).conf().getLayer();
      long[] out = activations.get(i + 1).shape();
      double multiplyAdds;
      if (layer instanceof Deconvolution2D deconvolution) {
        // Each input pixel scatters a kernel-sized patch into every output channel. The input's height and
        // width come from the output's (the recorded input may still be flat, before a reshape).
        int[] kernel = deconvolution.getKernelSize();
        int[] stride = deconvolution.getStride();
        int[] padding = deconvolution.getPadding();
        boolean same = deconvolution.getConvolutionMode() == ConvolutionMode.Same;
        double inputHeight = same ? Math.ceil((double) out[2] / stride[0])
            : (out[2] - kernel[0] + 2.0 * padding[0]) / stride[0] + 1;
        double inputWidth = same ? Math.ceil((double) out[3] / stride[1])
            : (out[3] - kernel[1] + 2.0 * padding[1]) / stride[1] + 1;
        multiplyAdds = out[0] * inputHeight * inputWidth * deconvolution.getNIn() * deconvolution.getNOut()
            * kernel[0] * kernel[1];
      } else if (layer instanceof ConvolutionLayer convolution) {
        multiplyAdds = (double) out[0] * out[2] * out[3] * convolution.getNIn() * convolution.getNOut()
            * convolution.getKernelSize()[0] * convolution.getKernelSize()[1];
      } else if (layer instanceof DenseLayer dense) {
        multiplyAdds = (double) out[0] * dense.getNIn() * dense.getNOut();
      } else {
        multiplyAdds = 0;
        if (network.getLayer(i).numParams() > 0 && !(layer instanceof BatchNormalization)) {
          uncounted.add(layer.getClass().getSimpleName());
        }
      }
      flops += 2 * multiplyAdds;
    }
    network.clear();
    return new Count(flops, uncounted);
  }

  /**
   * The FLOPs of one training iteration as the {@link Trainer} runs it: each D step generates a batch of
   * fakes (G forward) and runs D forward and backward on real and on fake samples; each G step runs D
   * forward and backward on fakes and G backward, generating afresh unless the first reuses the last D
   * step's fakes. Penalties are not counted.
   *
   * @param generatorForward G's forward FLOPs for one batch
   * @param discriminatorForward D's forward FLOPs for one batch
   * @param d discriminator steps per iteration (an average over iterations, for schedules that vary)
   * @param g generator steps per iteration
   */
  public static double iteration(double generatorForward, double discriminatorForward, double d, double g,
      boolean reuseFakes) {
    double generatorForwards = d + g - (reuseFakes && d > 0 && g > 0 ? 1 : 0);
    double discriminator = d * 2 * 3 * discriminatorForward + g * 3 * discriminatorForward;
    double generator = generatorForwards * generatorForward + g * 2 * generatorForward;
    return discriminator + generator;
  }
}
