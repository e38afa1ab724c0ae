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
 * The first layer of a later stage's discriminator when the stacked schedule conditions it (LAPGAN's
 * discriminator sees the low-pass image beside the one it judges, Denton et al. 2015): its input is the
 * image judged {@code [n, c, h, w]}, its output that image with the low-resolution image the stage
 * refined after it, upsampled to the same size (nearest neighbour), {@code [n, 2c, h, w]}.
 *
 * <p>While the stage trains, the stacked schedule gives the layer that low-resolution image: the real
 * batch average-pooled to the previous stage's resolution, the same rows the generator refined, so a
 * real image and a fake are each judged beside the same low-resolution image. Without one (a
 * discriminator run outside a training step) the layer pools its own input to that resolution. A given
 * low-resolution image is data: the gradient reaches the judged image only through its own planes.
 */
public class StageCondition extends NoParamLayer {
  private int factor;
  /**
   * The low-resolution images of this batch, shared by every network cloned from this one's
   * configuration (DL4J's {@code Layer.clone} copies this reference): the engine scores fakes and
   * penalties with twins of the discriminator. Transient: not part of the saved configuration.
   */
  private transient Given given = new Given();

  /** For DL4J's JSON mapper. */
  public StageCondition() {}

  /** {@code factor}: the data's resolution over the previous stage's. */
  StageCondition(int factor) {
    this.factor = factor;
  }

  public int getFactor() {
    return factor;
  }

  public void setFactor(int factor) {
    this.factor = factor;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    if (!(inputType instanceof InputType.InputTypeConvolutional image)) {
      throw new IllegalArgumentException("a conditioned stage discriminator reads images [channels, height, width]; "
          + "its input is " + inputType);
    }
    return InputType.convolutional(image.getHeight(), image.getWidth(), 2 * image.getChannels());
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
   * Gives the first layer of {@code discriminator} the low-resolution images, upsampled to the data's
   * size, that this batch's images are judged beside, or takes them away ({@code null}).
   */
  static void condition(MultiLayerNetwork discriminator, INDArray lowResolution) {
    if (!(discriminator.getLayerWiseConfigurations().getConf(0).getLayer() instanceof StageCondition first)) {
      throw new IllegalStateException("the discriminator does not start with a stage condition");
    }
    first.given.images = lowResolution;
  }

  /** The images given for the current batch. */
  private static final class Given {
    INDArray images;
  }

  /** The condition layer at run time. */
  static final class Runtime extends ParameterFreeRuntime<StageCondition> {
    /** Whether the last forward pass pooled its own input, which then has a second path to the output. */
    private boolean pooled;

    Runtime(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    /** The low-resolution images given for this batch; null when the layer pools its input. */
    INDArray condition() {
      return layerConf().given.images;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(false);
      INDArray image = input.castTo(dataType);
      INDArray condition = condition();
      INDArray beside;
      pooled = condition == null;
      if (pooled) {
        int factor = layerConf().getFactor();
        beside = Resampling.upsample(Resampling.average(image, factor), factor);
      } else if (!Arrays.equals(condition.shape(), image.shape())) {
        throw new IllegalStateException("the stage discriminator was given low-resolution images of shape "
            + Arrays.toString(condition.shape()) + " for a pass of shape " + Arrays.toString(image.shape())
            + "; PacGAN packing does not mix with it: set training.pack: 1 or the schedule's conditionDiscriminator: "
            + "false");
      } else {
        beside = condition.castTo(dataType);
      }
      return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, Nd4j.concat(1, image, beside));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(true);
      long channels = input.size(1);
      INDArray gradient = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, channels)).dup();
      if (pooled) {
        int factor = layerConf().getFactor();
        INDArray besideGradient = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(channels, 2 * channels));
        gradient.addi(Resampling.averageTranspose(Resampling.sum(besideGradient, factor), factor));
      }
      return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, gradient));
    }
  }
}
