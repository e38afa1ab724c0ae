package dev.ganforge.progressive;

import dev.ganforge.api.layer.LayerInstantiation;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The end of a fade-in: {@code alpha * new + (1 - alpha) * old}, Karras et al.'s {@code lerp} with
 * {@code alpha = 1 - (lod - floor(lod))}. In the generator the new path is this layer's input (the new
 * level's image) and the old one the previous level's image kept by the {@link FadeSwitch}, upsampled by
 * 2; in the discriminator the new path is the kept result of the new level's block and the old one this
 * layer's input (the previous level's from-image features of the downsampled input).
 *
 * <p>{@code alpha} is a parameter with the no-op updater: state that checkpoints keep and no optimizer
 * trains, set by the progressive schedule before every iteration, and copied, not averaged, by a
 * generator average. Its gradient is zero.
 */
public class FadeMerge extends FeedForwardLayer {
  /** The parameter holding the new level's weight. */
  public static final String ALPHA = "alpha";

  private int link;
  private FadeSide side;

  /** For DL4J's JSON mapper. */
  public FadeMerge() {}

  /** @param link the index of the fade-in's switch in the network */
  FadeMerge(String name, int link, FadeSide side) {
    setLayerName(name);
    this.link = link;
    this.side = side;
    setActivationFn(new ActivationIdentity());
  }

  public int getLink() {
    return link;
  }

  public void setLink(int link) {
    this.link = link;
  }

  public FadeSide getSide() {
    return side;
  }

  public void setSide(FadeSide side) {
    this.side = side;
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {}

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return inputType;
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return null;
  }

  @Override
  public IUpdater getUpdaterByParam(String param) {
    return new NoOp();
  }

  @Override
  public List<Regularization> getRegularizationByParam(String param) {
    return List.of();
  }

  @Override
  public ParamInitializer initializer() {
    return new Initializer();
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return LayerInstantiation.memoryReport(this, inputType, inputType, 1);
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    Runtime layer = new Runtime(conf, dataType,
        FadeLinks.find(link, FadeSwitch.Runtime.class, "fade-in merge " + getLayerName()));
    return LayerInstantiation.wire(layer, conf, listeners, index, paramsView, initializeParams);
  }

  /** One parameter, alpha, {@code [1, 1]}; 0 at first: a fade-in starts on the old path. */
  private static final class Initializer implements ParamInitializer {
    @Override
    public long numParams(NeuralNetConfiguration conf) {
      return 1;
    }

    @Override
    public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return 1;
    }

    @Override
    public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of(ALPHA);
    }

    @Override
    public List<String> weightKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of();
    }

    @Override
    public List<String> biasKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of();
    }

    @Override
    public boolean isWeightParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return false;
    }

    @Override
    public boolean isBiasParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
      INDArray view = paramsView.reshape(1, 1);
      if (initializeParams) {
        view.assign(0);
      }
      return Map.of(ALPHA, view);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
      return Map.of(ALPHA, gradientView.reshape(1, 1));
    }
  }

  /** The merge at run time. */
  static final class Runtime extends BaseLayer<FadeMerge> {
    private final FadeSwitch.Runtime link;

    Runtime(NeuralNetConfiguration conf, DataType dataType, FadeSwitch.Runtime link) {
      super(conf, dataType);
      this.link = link;
    }

    private double alpha() {
      return params.get(ALPHA).getDouble(0);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(false);
      double alpha = alpha();
      INDArray in = input.castTo(dataType);
      INDArray output = layerConf().getSide() == FadeSide.GENERATOR
          ? in.mul(alpha).addi(Resampling.upsample(link.kept(), 2).muli(1 - alpha))
          : link.kept().mul(alpha).addi(in.mul(1 - alpha));
      return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      double alpha = alpha();
      INDArray inputGradient;
      if (layerConf().getSide() == FadeSide.GENERATOR) {
        inputGradient = epsilon.mul(alpha);
        link.setKeptGradient(Resampling.sum(epsilon, 2).muli(1 - alpha));
      } else {
        inputGradient = epsilon.mul(1 - alpha);
        link.setKeptGradient(epsilon.mul(alpha));
      }
      Gradient gradient = new DefaultGradient(gradientsFlattened);
      gradient.gradientForVariable().put(ALPHA, gradientViews.get(ALPHA).assign(0));
      return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
    }

    @Override
    public boolean isPretrainLayer() {
      return false;
    }
  }
}
