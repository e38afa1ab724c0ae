package dev.ganforge.layers.minibatch;

import dev.ganforge.api.layer.LayerInstantiation;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J layer configuration of minibatch discrimination (Salimans et al. 2016): the input x (A features)
 * is projected by a learned tensor T to B rows of C values, {@code M_i = x_i T}; for each row b,
 * {@code o_ib = sum over j != i of exp(-|M_ib - M_jb|_1)} measures how close sample i is to the rest of
 * its batch, and the layer outputs {@code [x_i, o_i]} (A + B features). A discriminator with it can tell a
 * batch of near-identical fakes from a varied real batch.
 */
public class MinibatchDiscrimination extends FeedForwardLayer {
  private int kernels;
  private int kernelDimension;

  /** For DL4J's JSON mapper. */
  public MinibatchDiscrimination() {}

  public MinibatchDiscrimination(int kernels, int kernelDimension, IWeightInit weightInit) {
    this.kernels = kernels;
    this.kernelDimension = kernelDimension;
    setWeightInitFn(weightInit);
  }

  public int getKernels() {
    return kernels;
  }

  public void setKernels(int kernels) {
    this.kernels = kernels;
  }

  public int getKernelDimension() {
    return kernelDimension;
  }

  public void setKernelDimension(int kernelDimension) {
    this.kernelDimension = kernelDimension;
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    if (override || getNIn() <= 0) {
      setNIn(inputType.arrayElementsPerExample());
    }
    setNOut(getNIn() + kernels);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.feedForward(inputType.arrayElementsPerExample() + kernels);
  }

  @Override
  public ParamInitializer initializer() {
    return new ProjectionInitializer();
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, getOutputType(-1, inputType))
        .standardMemory(getNIn() * (long) kernels * kernelDimension, 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public List<org.nd4j.linalg.learning.regularization.Regularization> getRegularizationByParam(String param) {
    return getRegularization();
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerInstantiation.wire(
        new MinibatchDiscriminationRuntime(conf, dataType), conf, listeners, index, paramsView, initializeParams);
  }
}
