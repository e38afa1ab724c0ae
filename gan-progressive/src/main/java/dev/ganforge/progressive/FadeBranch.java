package dev.ganforge.progressive;

import dev.ganforge.api.layer.LayerInstantiation;
import dev.ganforge.api.layer.ParameterFreeRuntime;
import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a fade-in's two paths part: passes its input on unchanged and keeps it for the
 * {@link FadeSwitch} after it, which starts the second path from it. Backward: the gradient arriving
 * through the chain plus the one the second path sent back (the switch runs its backward first).
 */
public class FadeBranch extends NoParamLayer {

  /** For DL4J's JSON mapper. */
  public FadeBranch() {}

  FadeBranch(String name) {
    setLayerName(name);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return inputType;
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {}

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return null;
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return LayerInstantiation.memoryReport(this, inputType, inputType, 0);
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    Runtime layer = new Runtime(conf, dataType);
    LayerInstantiation.wire(layer, conf, listeners, index, paramsView, initializeParams);
    FadeLinks.register(index, layer);
    return layer;
  }

  /** The branch at run time. */
  static final class Runtime extends ParameterFreeRuntime<FadeBranch> {
    private INDArray value;
    private INDArray sideGradient;

    Runtime(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    /** This pass's input, which the second path starts from. */
    INDArray value() {
      if (value == null) {
        throw new IllegalStateException("a fade-in's switch ran before its branch " + layerConf().getLayerName());
      }
      return value;
    }

    /** Adds the gradient the second path sends back for this pass. */
    void addSideGradient(INDArray gradient) {
      sideGradient = sideGradient == null ? gradient.dup() : sideGradient.addi(gradient);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(false);
      value = input.castTo(dataType).dup();
      sideGradient = null;
      return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, value.dup());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      INDArray gradient = sideGradient == null ? epsilon.dup() : epsilon.add(sideGradient);
      sideGradient = null;
      return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, gradient));
    }
  }
}
