package dev.ganforge.progressive;

import dev.ganforge.api.layer.LayerInstantiation;
import dev.ganforge.api.layer.ParameterFreeRuntime;
import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where a stacked generator's next stage starts: its input is the previous stage's image {@code [n, c, h,
 * w]}, its output that image with {@code noiseChannels} planes of fresh standard normal noise after it,
 * {@code [n, c + noiseChannels, h, w]} (LAPGAN's noise as an extra colour plane, Denton et al. 2015).
 *
 * <p>While the stage trains, the stacked schedule gives the layer a condition: the real batch at the
 * previous stage's resolution, which then replaces the input (LAPGAN's training pairs), and no gradient
 * reaches the earlier stages. Without a condition (samples, metrics, {@code gan sample}) the previous
 * stage's own output goes through, so the whole stack generates from one latent code, and the gradient
 * of the image planes flows back to it.
 */
public class StageInput extends NoParamLayer {
  private int noiseChannels;

  /** For DL4J's JSON mapper. */
  public StageInput() {}

  StageInput(int noiseChannels) {
    this.noiseChannels = noiseChannels;
  }

  public int getNoiseChannels() {
    return noiseChannels;
  }

  public void setNoiseChannels(int noiseChannels) {
    this.noiseChannels = noiseChannels;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    if (!(inputType instanceof InputType.InputTypeConvolutional image)) {
      throw new IllegalArgumentException("a stage layer reads the previous stage's image [channels, height, "
          + "width]; it follows " + inputType);
    }
    return InputType.convolutional(image.getHeight(), image.getWidth(), image.getChannels() + noiseChannels);
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
    return LayerInstantiation.wire(new Runtime(conf, dataType), conf, listeners, index, paramsView,
        initializeParams);
  }

  /**
   * Gives the stage layer at {@code index} of {@code network} the images its stage trains on, or takes
   * its condition away ({@code null}).
   */
  static void condition(MultiLayerNetwork network, int index, INDArray images) {
    if (!(network.getLayer(index) instanceof Runtime stage)) {
      throw new IllegalStateException("layer " + index + " of the generator is not a stage layer");
    }
    stage.condition = images;
  }

  /** The stage layer at run time. */
  static final class Runtime extends ParameterFreeRuntime<StageInput> {
    private INDArray condition;

    Runtime(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    /** The images this stage trains on now; null when it refines the stage before. */
    INDArray condition() {
      return condition;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(false);
      INDArray image = input.castTo(dataType);
      if (condition != null) {
        if (!Arrays.equals(condition.shape(), image.shape())) {
          throw new IllegalStateException("stage layer " + layerConf().getLayerName() + " was given images of shape "
              + Arrays.toString(condition.shape()) + " for a pass of shape " + Arrays.toString(image.shape()));
        }
        image = condition.castTo(dataType);
      }
      long[] shape = image.shape();
      INDArray noise = Nd4j.randn(dataType, shape[0], layerConf().getNoiseChannels(), shape[2], shape[3]);
      return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, Nd4j.concat(1, image, noise));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(true);
      INDArray gradient = condition != null ? Nd4j.zeros(dataType, input.shape())
          : epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, input.size(1))).dup();
      return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, gradient));
    }
  }
}
