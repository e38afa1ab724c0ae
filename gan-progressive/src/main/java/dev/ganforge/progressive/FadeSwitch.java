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
 * Where a fade-in's first path ends and its second starts: keeps its input (the first path's result)
 * for the {@link FadeMerge} after it and outputs what the {@link FadeBranch} kept, as the second path
 * reads it: unchanged in the generator, average-pooled by 2 in the discriminator. Backward: sends the
 * arriving gradient back to the branch and passes on the gradient the merge computed for the first
 * path's result.
 */
public class FadeSwitch extends NoParamLayer {
  private int branch;
  private FadeSide side;
  private long[] outputShape = new long[0];

  /** For DL4J's JSON mapper. */
  public FadeSwitch() {}

  /**
   * @param branch the index of the fade-in's branch in the network
   * @param outputShape {@code [channels, height, width]} of this layer's output
   */
  FadeSwitch(String name, int branch, FadeSide side, long[] outputShape) {
    setLayerName(name);
    this.branch = branch;
    this.side = side;
    this.outputShape = outputShape.clone();
  }

  public int getBranch() {
    return branch;
  }

  public void setBranch(int branch) {
    this.branch = branch;
  }

  public FadeSide getSide() {
    return side;
  }

  public void setSide(FadeSide side) {
    this.side = side;
  }

  public long[] getOutputShape() {
    return outputShape.clone();
  }

  public void setOutputShape(long[] outputShape) {
    this.outputShape = outputShape.clone();
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.convolutional(outputShape[1], outputShape[2], outputShape[0]);
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {}

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
    Runtime layer = new Runtime(conf, dataType,
        FadeLinks.find(branch, FadeBranch.Runtime.class, "fade-in switch " + getLayerName()));
    LayerInstantiation.wire(layer, conf, listeners, index, paramsView, initializeParams);
    FadeLinks.register(index, layer);
    return layer;
  }

  /** The switch at run time. */
  static final class Runtime extends ParameterFreeRuntime<FadeSwitch> {
    private final FadeBranch.Runtime branch;
    private INDArray kept;
    private INDArray keptGradient;

    Runtime(NeuralNetConfiguration conf, DataType dataType, FadeBranch.Runtime branch) {
      super(conf, dataType);
      this.branch = branch;
    }

    /** The first path's result in this pass. */
    INDArray kept() {
      if (kept == null) {
        throw new IllegalStateException("a fade-in's merge ran before its switch " + layerConf().getLayerName());
      }
      return kept;
    }

    /** The gradient of the first path's result, which the merge computes in its backward pass. */
    void setKeptGradient(INDArray gradient) {
      keptGradient = gradient;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(false);
      kept = input.castTo(dataType).dup();
      keptGradient = null;
      INDArray start = layerConf().getSide() == FadeSide.GENERATOR ? branch.value().dup()
          : Resampling.average(branch.value(), 2);
      return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, start);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      branch.addSideGradient(layerConf().getSide() == FadeSide.GENERATOR ? epsilon
          : Resampling.averageTranspose(epsilon, 2));
      INDArray gradient = keptGradient == null ? kept().like().assign(0) : keptGradient;
      keptGradient = null;
      return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, gradient));
    }
  }
}
