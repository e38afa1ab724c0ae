package dev.ganforge.layers.normalization;

import dev.ganforge.api.layer.ReferenceNormalized;
import dev.ganforge.api.layer.LayerInstantiation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J layer configuration of virtual batch normalization (Salimans et al. 2016), as in the authors'
 * code: {@code gamma (x - mean) / sqrt(meanSquare - mean^2 + epsilon) + beta} per unit (vectors) or channel
 * (images). The first {@code referenceSize} rows of the input are the reference batch
 * ({@link ReferenceNormalized}), normalized with their own statistics; each other sample with the
 * reference's statistics combined with its own, weighted {@code 1 / (referenceSize + 1)}, so a sample's
 * output does not depend on the other samples beside it. See {@link VirtualBatchNormalizationRuntime}.
 */
public class VirtualBatchNormalization extends FeedForwardLayer implements ReferenceNormalized {
  static final String GAMMA = "gamma";
  static final String BETA = "beta";
  private static final List<String> KEYS = List.of(GAMMA, BETA);

  private int referenceSize = 64;
  private double epsilon = 1e-5;
  private boolean dropsReference;

  /** For DL4J's JSON mapper. */
  public VirtualBatchNormalization() {}

  public VirtualBatchNormalization(int referenceSize, double epsilon) {
    this.referenceSize = referenceSize;
    this.epsilon = epsilon;
    setActivationFn(new ActivationIdentity());
  }

  public int getReferenceSize() {
    return referenceSize;
  }

  @Override
  public int referenceSize() {
    return referenceSize;
  }

  public boolean isDropsReference() {
    return dropsReference;
  }

  @Override
  public void setDropsReference(boolean dropsReference) {
    this.dropsReference = dropsReference;
  }

  public void setReferenceSize(int referenceSize) {
    this.referenceSize = referenceSize;
  }

  public double getEpsilon() {
    return epsilon;
  }

  public void setEpsilon(double epsilon) {
    this.epsilon = epsilon;
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    if (override || getNIn() <= 0) {
      setNIn(inputType instanceof InputType.InputTypeConvolutional conv
          ? conv.getChannels() : inputType.arrayElementsPerExample());
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
  public List<Regularization> getRegularizationByParam(String param) {
    return List.of(); // no weight decay on a normalization's scale, shift or statistics
  }

  @Override
  public ParamInitializer initializer() {
    return new Initializer();
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, inputType)
        .standardMemory(2 * getNIn(), 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerInstantiation.wire(new VirtualBatchNormalizationRuntime(conf, dataType), conf, listeners, index,
        paramsView, initializeParams);
  }

  /** gamma (1) and beta (0), each {@code [1, units or channels]}. */
  static final class Initializer implements ParamInitializer {
    @Override
    public long numParams(NeuralNetConfiguration conf) {
      return numParams(conf.getLayer());
    }

    @Override
    public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return 2 * ((VirtualBatchNormalization) layer).getNIn();
    }

    @Override
    public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return KEYS;
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

    private static Map<String, INDArray> split(org.deeplearning4j.nn.conf.layers.Layer layer, INDArray flat) {
      long width = ((VirtualBatchNormalization) layer).getNIn();
      INDArray row = flat.reshape(flat.length());
      Map<String, INDArray> views = new LinkedHashMap<>();
      for (int i = 0; i < KEYS.size(); i++) {
        views.put(KEYS.get(i), row.get(NDArrayIndex.interval(i * width, (i + 1) * width)).reshape(1, width));
      }
      return views;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
      Map<String, INDArray> views = split(conf.getLayer(), paramsView);
      if (initializeParams) {
        views.get(GAMMA).assign(1);
        views.get(BETA).assign(0);
      }
      return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
      return split(conf.getLayer(), gradientView);
    }
  }
}
