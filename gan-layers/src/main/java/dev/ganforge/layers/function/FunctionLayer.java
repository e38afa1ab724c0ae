package dev.ganforge.layers.function;

import dev.ganforge.api.layer.LayerInstantiation;
import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J layer without parameters defined by a forward function and its hand-written backward pass
 * (for operations SameDiff cannot be trusted with in M2.1, see {@code SpectralDense}). Subclasses are
 * DL4J layer configurations: their fields are written to checkpoints by DL4J's JSON mapper.
 */
public abstract class FunctionLayer extends NoParamLayer {

  /** y = f(x) for a batch (first axis: samples). */
  public abstract INDArray forward(INDArray x);

  /** dL/dx from the batch x and dL/dy. */
  public abstract INDArray backward(INDArray x, INDArray outputGradient);

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return inputType;
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return null;
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return LayerInstantiation.memoryReport(this, inputType, getOutputType(-1, inputType), 0);
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerInstantiation.wire(
        new FunctionLayerRuntime(conf, dataType), conf, listeners, index, paramsView, initializeParams);
  }
}
