package dev.ganforge.layers.conditional;

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
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J layer configuration of a class-label embedding: a learned table E ({@code [classes, size]}) whose
 * row for the sample's label, e, is combined with the input x by concatenation, addition or
 * multiplication ({@link LabelCombination}). For images e is constant over the pixels, one value per
 * channel. The labels arrive from the engine before each pass ({@link dev.ganforge.api.layer.LabelConditioned}).
 */
public class LabelEmbedding extends FeedForwardLayer {
  static final String EMBEDDING = "E";

  private int classes;
  private int size;
  private LabelCombination combination = LabelCombination.CONCAT;

  /** For DL4J's JSON mapper. */
  public LabelEmbedding() {}

  /**
   * @param size the embedding size; for {@code ADD} and {@code MULTIPLY} it must equal the input's
   *     features or channels
   */
  public LabelEmbedding(int classes, int size, LabelCombination combination) {
    this.classes = classes;
    this.size = size;
    this.combination = combination;
  }

  public int getClasses() {
    return classes;
  }

  public void setClasses(int classes) {
    this.classes = classes;
  }

  public int getSize() {
    return size;
  }

  public void setSize(int size) {
    this.size = size;
  }

  public LabelCombination getCombination() {
    return combination;
  }

  public void setCombination(LabelCombination combination) {
    this.combination = combination;
  }

  /** The input's features (vectors) or channels (images): what e is combined with. */
  public static long width(InputType inputType) {
    return inputType instanceof InputType.InputTypeConvolutional conv
        ? conv.getChannels() : inputType.arrayElementsPerExample();
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    if (override || getNIn() <= 0) {
      setNIn(width(inputType));
    }
    setNOut(combination == LabelCombination.CONCAT ? getNIn() + size : getNIn());
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    if (combination != LabelCombination.CONCAT) {
      return inputType;
    }
    if (inputType instanceof InputType.InputTypeConvolutional conv) {
      return InputType.convolutional(conv.getHeight(), conv.getWidth(), conv.getChannels() + size);
    }
    return InputType.feedForward(inputType.arrayElementsPerExample() + size);
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return null;
  }

  @Override
  public ParamInitializer initializer() {
    return new EmbeddingInitializer();
  }

  @Override
  public List<Regularization> getRegularizationByParam(String param) {
    return getRegularization();
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, getOutputType(-1, inputType))
        .standardMemory((long) classes * size, 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerInstantiation.wire(
        new LabelEmbeddingRuntime(conf, dataType), conf, listeners, index, paramsView, initializeParams);
  }

  /** The table E, {@code [classes, size]}, initialised N(0, 1) like PyTorch's {@code nn.Embedding}. */
  static final class EmbeddingInitializer implements ParamInitializer {
    private static long[] shape(org.deeplearning4j.nn.conf.layers.Layer layer) {
      LabelEmbedding conf = (LabelEmbedding) layer;
      return new long[] {conf.getClasses(), conf.getSize()};
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
      return numParams(conf.getLayer());
    }

    @Override
    public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
      long[] shape = shape(layer);
      return shape[0] * shape[1];
    }

    @Override
    public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of(EMBEDDING);
    }

    @Override
    public List<String> weightKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of(EMBEDDING);
    }

    @Override
    public List<String> biasKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of();
    }

    @Override
    public boolean isWeightParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return EMBEDDING.equals(key);
    }

    @Override
    public boolean isBiasParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
      INDArray table = paramsView.reshape('c', shape(conf.getLayer()));
      if (initializeParams) {
        table.assign(org.nd4j.linalg.factory.Nd4j.randn(table.dataType(), table.shape()));
      }
      return Map.of(EMBEDDING, table);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
      return Map.of(EMBEDDING, gradientView.reshape('c', shape(conf.getLayer())));
    }
  }
}
