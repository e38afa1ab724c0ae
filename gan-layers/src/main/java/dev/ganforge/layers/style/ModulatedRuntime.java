package dev.ganforge.layers.style;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A modulated layer at run time. Rather than building one weight tensor per sample, it scales the input
 * channels by s, applies the shared weights, and scales each output channel by the demodulation factor
 * d (StyleGAN2's equivalent non-fused form): {@code y = (W * (x s)) d + b}, with
 * {@code d[n, o] = (sum_i s[n, i]^2 V[o, i] + eps)^(-1/2)} and V the squared weights summed over the
 * kernel. Backward follows the same steps in reverse; dL/dw goes to the style source.
 */
final class ModulatedRuntime extends BaseLayer<Modulated> {
  private final StyleSourceRuntime source;
  private Pass pass;

  /** What one forward pass computed, for the backward pass that follows it. */
  private record Pass(INDArray input, INDArray style, INDArray scales, INDArray scaledInput,
      INDArray linear, INDArray demodulation, INDArray preActivation) {}

  ModulatedRuntime(NeuralNetConfiguration conf, DataType dataType, StyleSourceRuntime source) {
    super(conf, dataType);
    this.source = source;
  }

  private INDArray weights() {
    return params.get(Modulated.WEIGHT).mul(layerConf().weightScale());
  }

  private INDArray affine() {
    return params.get(Modulated.AFFINE).mul(layerConf().affineScale());
  }

  /** Per-sample channel scaling, {@code [N, C]} reshaped to broadcast against x. */
  private static INDArray perChannel(INDArray values, INDArray like) {
    return like.rank() == 4 ? values.reshape('c', values.size(0), values.size(1), 1, 1) : values;
  }

  /** V: squared effective weights summed over the kernel, {@code [out, in]}. */
  private INDArray squaredWeights(INDArray weights) {
    INDArray squared = weights.mul(weights);
    return squared.rank() == 4 ? squared.sum(2, 3) : squared;
  }

  private Pass forward() {
    INDArray x = input.castTo(dataType);
    INDArray style = source.style();
    if (pass != null && pass.input == x && pass.style == style) {
      return pass;
    }
    INDArray scales = style.mmul(affine().transpose()).addiRowVector(params.get(Modulated.AFFINE_BIAS));
    INDArray scaledInput = x.mul(perChannel(scales, x));
    INDArray weights = weights();
    INDArray linear = layerConf().isConvolution()
        ? convolve(scaledInput, weights)
        : scaledInput.mmul(weights.transpose());
    INDArray demodulation = null;
    INDArray output = linear;
    if (layerConf().isDemodulate()) {
      INDArray q = scales.mul(scales).mmul(squaredWeights(weights).transpose()).addi(Modulated.EPSILON);
      demodulation = Transforms.pow(q, -0.5, false);
      output = linear.mul(perChannel(demodulation, linear));
    }
    INDArray bias = params.get(Modulated.BIAS);
    INDArray preActivation = output.rank() == 4
        ? output.add(bias.reshape('c', 1, bias.length(), 1, 1))
        : output.addRowVector(bias);
    pass = new Pass(x, style, scales, scaledInput, linear, demodulation, preActivation);
    return pass;
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    pass = null;
    Pass current = forward();
    INDArray output = layerConf().getActivationFn().getActivation(current.preActivation.dup(), training);
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    Modulated conf = layerConf();
    Pass current = forward();
    INDArray x = current.input;
    INDArray s = current.scales;
    INDArray weights = weights();
    INDArray outputGradient = conf.getActivationFn()
        .backprop(current.preActivation.dup(), epsilon.castTo(dataType).dup()).getFirst();
    boolean image = outputGradient.rank() == 4;

    INDArray biasGradient = image ? outputGradient.sum(0, 2, 3) : outputGradient.sum(0);
    INDArray linearGradient = outputGradient;
    INDArray scaleGradient;
    INDArray weightGradient;
    INDArray squaredWeightGradient = null;
    INDArray demodulationScaleGradient = null;
    if (conf.isDemodulate()) {
      INDArray d = current.demodulation;
      linearGradient = outputGradient.mul(perChannel(d, outputGradient));
      INDArray perSample = outputGradient.mul(current.linear);
      INDArray dGradient = image ? perSample.sum(2, 3) : perSample;
      // d = (q + eps)^(-1/2): dq = -1/2 d^3 dd
      INDArray qGradient = dGradient.mul(d).muli(d).muli(d).muli(-0.5);
      demodulationScaleGradient = qGradient.mmul(squaredWeights(weights)).muli(s).muli(2);
      squaredWeightGradient = qGradient.transpose().mmul(s.mul(s));
    }
    INDArray scaledInputGradient;
    if (image) {
      INDArray[] gradients = convolveBackward(current.scaledInput, weights, linearGradient);
      scaledInputGradient = gradients[0];
      weightGradient = gradients[1];
    } else {
      scaledInputGradient = linearGradient.mmul(weights);
      weightGradient = linearGradient.transpose().mmul(current.scaledInput);
    }
    if (squaredWeightGradient != null) {
      INDArray broadcast = image
          ? squaredWeightGradient.reshape('c', squaredWeightGradient.size(0), squaredWeightGradient.size(1), 1, 1)
          : squaredWeightGradient;
      weightGradient.addi(weights.mul(broadcast).muli(2));
    }
    INDArray inputGradient = scaledInputGradient.mul(perChannel(s, scaledInputGradient));
    INDArray perSampleScale = scaledInputGradient.mul(x);
    scaleGradient = image ? perSampleScale.sum(2, 3) : perSampleScale;
    if (demodulationScaleGradient != null) {
      scaleGradient.addi(demodulationScaleGradient);
    }
    INDArray affine = affine();
    source.addStyleGradient(scaleGradient.mmul(affine));

    gradientViews.get(Modulated.WEIGHT).assign(weightGradient.muli(conf.weightScale()));
    gradientViews.get(Modulated.BIAS).assign(biasGradient.reshape(1, biasGradient.length()));
    gradientViews.get(Modulated.AFFINE)
        .assign(scaleGradient.transpose().mmul(current.style).muli(conf.affineScale()));
    INDArray affineBiasGradient = scaleGradient.sum(0);
    gradientViews.get(Modulated.AFFINE_BIAS).assign(affineBiasGradient.reshape(1, affineBiasGradient.length()));
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    for (String key : new String[] {Modulated.WEIGHT, Modulated.BIAS, Modulated.AFFINE, Modulated.AFFINE_BIAS}) {
      gradient.gradientForVariable().put(key, gradientViews.get(key));
    }
    return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
  }

  /** libnd4j's conv2d arguments: square kernel, stride 1, same padding, NCHW, weights [out, in, k, k]. */
  private int[] convolutionArguments() {
    int k = layerConf().getKernel();
    return new int[] {k, k, 1, 1, 0, 0, 1, 1, 1, 0, 1};
  }

  private INDArray convolve(INDArray x, INDArray weights) {
    INDArray output = Nd4j.create(dataType, x.size(0), weights.size(0), x.size(2), x.size(3));
    Nd4j.exec(DynamicCustomOp.builder("conv2d")
        .addInputs(x.dup('c'), weights.dup('c'))
        .addOutputs(output)
        .addIntegerArguments(convolutionArguments())
        .build());
    return output;
  }

  /** dL/dx and dL/dW of {@link #convolve} given dL/d(output). */
  private INDArray[] convolveBackward(INDArray x, INDArray weights, INDArray outputGradient) {
    INDArray inputGradient = Nd4j.create(dataType, x.shape());
    INDArray weightGradient = Nd4j.create(dataType, weights.shape());
    Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
        .addInputs(x.dup('c'), weights.dup('c'), outputGradient.dup('c'))
        .addOutputs(inputGradient, weightGradient)
        .addIntegerArguments(convolutionArguments())
        .build());
    return new INDArray[] {inputGradient, weightGradient};
  }

  @Override
  public void clear() {
    super.clear();
    pass = null;
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }
}
