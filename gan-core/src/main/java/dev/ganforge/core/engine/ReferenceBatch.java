package dev.ganforge.core.engine;

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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The first layer of a network with {@link dev.ganforge.api.layer.ReferenceNormalized} layers: it puts the
 * network's fixed reference batch ahead of every batch it reads, so that virtual batch norm takes its
 * statistics from the reference as the current weights transform it, at every pass, with gradients
 * through them (Salimans et al. 2016). The batch is a parameter with the no-op updater: state, saved in
 * every checkpoint, never trained; its backward pass hands on the samples' rows of the gradient only.
 * {@link NetworkAssembler} inserts it; the engine fills it in ({@link #install}).
 */
public class ReferenceBatch extends FeedForwardLayer {
  static final String REFERENCE = "reference";

  private int rows;

  /** For DL4J's JSON mapper. */
  public ReferenceBatch() {}

  ReferenceBatch(int rows, String name) {
    this.rows = rows;
    setLayerName(name);
    setActivationFn(new ActivationIdentity());
  }

  public int getRows() {
    return rows;
  }

  public void setRows(int rows) {
    this.rows = rows;
  }

  /** The reference rows {@code network} reads ahead of its batch: 0 without a reference batch layer. */
  public static int rowsOf(MultiLayerNetwork network) {
    return network.getnLayers() > 0 && network.getLayer(0).conf().getLayer() instanceof ReferenceBatch layer
        ? layer.getRows() : 0;
  }

  /** Writes {@code reference} ({@code [rows, ...]}, shaped like the network's input) into the network. */
  public static void install(MultiLayerNetwork network, INDArray reference) {
    network.getLayer(0).getParam(REFERENCE).assign(reference.reshape('c', 1, reference.length()));
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    if (override || getNIn() <= 0) {
      setNIn(inputType.arrayElementsPerExample());
    }
    setNOut(getNIn());
  }

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
    return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, inputType)
        .standardMemory((long) rows * getNIn(), 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    Runtime layer = new Runtime(conf, dataType);
    layer.setListeners(listeners);
    layer.setIndex(index);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }

  /** One parameter, the reference batch flattened to {@code [1, rows * nIn]}; zeros until installed. */
  private static final class Initializer implements ParamInitializer {
    @Override
    public long numParams(NeuralNetConfiguration conf) {
      return numParams(conf.getLayer());
    }

    @Override
    public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
      ReferenceBatch reference = (ReferenceBatch) layer;
      return (long) reference.getRows() * reference.getNIn();
    }

    @Override
    public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of(REFERENCE);
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
      INDArray view = paramsView.reshape(1, paramsView.length());
      if (initializeParams) {
        view.assign(0);
      }
      return Map.of(REFERENCE, view);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
      return Map.of(REFERENCE, gradientView.reshape(1, gradientView.length()));
    }
  }

  /** The layer at run time. */
  private static final class Runtime extends BaseLayer<ReferenceBatch> {
    Runtime(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(false);
      long[] shape = input.shape().clone();
      shape[0] = layerConf().getRows();
      INDArray reference = params.get(REFERENCE).reshape('c', shape).castTo(dataType);
      return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, Nd4j.concat(0, reference, input.castTo(dataType)));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      INDArray referenceGradient = gradientViews.get(REFERENCE).assign(0);
      Gradient gradient = new DefaultGradient(gradientsFlattened);
      gradient.gradientForVariable().put(REFERENCE, referenceGradient);
      INDArray samples = epsilon.get(NDArrayIndex.interval(layerConf().getRows(), epsilon.size(0))).dup();
      return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, samples));
    }

    @Override
    public boolean isPretrainLayer() {
      return false;
    }
  }
}
