package dev.ganforge.layers.minibatch;

import dev.ganforge.layers.function.FunctionLayer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Minibatch standard deviation (Karras et al. 2018, ProGAN): the batch is split into groups of
 * {@code groupSize} consecutive samples; for each group, the standard deviation over the group of every
 * feature (every channel at every pixel) is averaged into one number, appended to each member as an
 * extra feature (for images: an extra constant channel). A discriminator thus sees how varied a batch is,
 * which penalises a collapsed generator.
 *
 * <p>With s the appended value, n the group size, J the number of features, mu and sd their group mean
 * and standard deviation ({@code sqrt(var + epsilon)}, var over the group with 1/n): {@code ds/dx_ij =
 * (x_ij - mu_j) / (n J sd_j)}.
 */
public class MinibatchStandardDeviation extends FunctionLayer {
  private int groupSize = 4;
  private double epsilon = 1e-8;

  /** For DL4J's JSON mapper. */
  public MinibatchStandardDeviation() {}

  public MinibatchStandardDeviation(int groupSize, double epsilon) {
    this.groupSize = groupSize;
    this.epsilon = epsilon;
  }

  public int getGroupSize() {
    return groupSize;
  }

  public void setGroupSize(int groupSize) {
    this.groupSize = groupSize;
  }

  public double getEpsilon() {
    return epsilon;
  }

  public void setEpsilon(double epsilon) {
    this.epsilon = epsilon;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    if (inputType instanceof InputType.InputTypeConvolutional conv) {
      return InputType.convolutional(conv.getHeight(), conv.getWidth(), conv.getChannels() + 1);
    }
    return InputType.feedForward(inputType.arrayElementsPerExample() + 1);
  }

  /** The group size used for a batch of n: groupSize, or the whole batch when it does not divide n. */
  int groupSizeFor(long n) {
    return n % groupSize == 0 ? groupSize : Math.toIntExact(n);
  }

  @Override
  public INDArray forward(INDArray x) {
    long n = x.size(0);
    int group = groupSizeFor(n);
    long[] extraShape = x.shape().clone();
    extraShape[1] = 1;
    INDArray extra = Nd4j.create(x.dataType(), extraShape);
    for (long start = 0; start < n; start += group) {
      INDArray members = x.get(rows(x, start, group));
      double s = standardDeviations(members).meanNumber().doubleValue();
      extra.get(rows(extra, start, group)).assign(s);
    }
    return Nd4j.concat(1, x, extra);
  }

  @Override
  public INDArray backward(INDArray x, INDArray outputGradient) {
    long n = x.size(0);
    int group = groupSizeFor(n);
    long features = x.size(1);
    INDArray direct = outputGradient.get(columns(outputGradient, 0, features)).dup();
    // Copies, not views: nested interval views of views come back empty in ND4J M2.1.
    INDArray extraGradient = outputGradient.get(columns(outputGradient, features, 1)).dup();
    double count = x.length() / n; // J: features per sample
    for (long start = 0; start < n; start += group) {
      INDArray members = x.get(rows(x, start, group));
      double upstream = extraGradient.get(rows(extraGradient, start, group)).sumNumber().doubleValue();
      INDArray centred = members.sub(members.mean(true, 0));
      INDArray sd = standardDeviations(members);
      direct.get(rows(direct, start, group)).addi(centred.divi(sd).muli(upstream / (group * count)));
    }
    return direct;
  }

  /** Per feature, {@code sqrt(var + epsilon)} over the group's samples (1/n), shaped {@code [1, ...]}. */
  private INDArray standardDeviations(INDArray members) {
    long[] shape = members.shape().clone();
    shape[0] = 1;
    return Transforms.sqrt(members.var(false, 0).addi(epsilon), false).reshape(shape);
  }

  private static INDArrayIndex[] rows(INDArray array, long start, long count) {
    INDArrayIndex[] index = NDArrayIndex.allFor(array);
    index[0] = NDArrayIndex.interval(start, start + count);
    return index;
  }

  private static INDArrayIndex[] columns(INDArray array, long start, long count) {
    INDArrayIndex[] index = NDArrayIndex.allFor(array);
    index[1] = NDArrayIndex.interval(start, start + count);
    return index;
  }
}
