package dev.ganforge.layers.style;

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
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J layer configuration of the end of a mapping network: its input is the style vector w, which the
 * modulated layers after it read. The chain then goes on from w itself or, as in StyleGAN, from a
 * learned constant image {@code [channels, height, width]}, so that w reaches the output only through
 * the modulations.
 */
public class StyleSource extends FeedForwardLayer {
  static final String CONSTANT = "C";

  private long[] constantShape = new long[0];

  /** For DL4J's JSON mapper. */
  public StyleSource() {}

  /**
   * @param styleSize the size of w, this layer's input
   * @param constantShape {@code [channels, height, width]} of the learned constant, or empty to go on from w
   */
  public StyleSource(long styleSize, long[] constantShape) {
    setNIn(styleSize);
    this.constantShape = constantShape.clone();
    setActivationFn(new ActivationIdentity());
  }

  public long[] getConstantShape() {
    return constantShape.clone();
  }

  public void setConstantShape(long[] constantShape) {
    this.constantShape = constantShape.clone();
  }

  boolean hasConstant() {
    return constantShape.length == 3;
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    if (override || getNIn() <= 0) {
      setNIn(inputType.arrayElementsPerExample());
    }
    setNOut(hasConstant() ? constantShape[0] * constantShape[1] * constantShape[2] : getNIn());
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return hasConstant()
        ? InputType.convolutional(constantShape[1], constantShape[2], constantShape[0])
        : InputType.feedForward(inputType.arrayElementsPerExample());
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return null;
  }

  @Override
  public ParamInitializer initializer() {
    return new ConstantInitializer();
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    long constant = hasConstant() ? constantShape[0] * constantShape[1] * constantShape[2] : 0;
    return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, getOutputType(-1, inputType))
        .standardMemory(constant, 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    StyleSourceRuntime layer = new StyleSourceRuntime(conf, dataType);
    LayerInstantiation.wire(layer, conf, listeners, index, paramsView, initializeParams);
    StyleLinks.register(index, layer);
    return layer;
  }

  /** The learned constant, N(0, 1) at init as in StyleGAN; nothing when the chain goes on from w. */
  static final class ConstantInitializer implements ParamInitializer {
    private static StyleSource source(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return (StyleSource) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
      return numParams(conf.getLayer());
    }

    @Override
    public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
      long[] shape = source(layer).constantShape;
      return shape.length == 3 ? shape[0] * shape[1] * shape[2] : 0;
    }

    @Override
    public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return source(layer).hasConstant() ? List.of(CONSTANT) : List.of();
    }

    @Override
    public List<String> weightKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return paramKeys(layer);
    }

    @Override
    public List<String> biasKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of();
    }

    @Override
    public boolean isWeightParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return CONSTANT.equals(key);
    }

    @Override
    public boolean isBiasParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
      StyleSource source = source(conf.getLayer());
      if (!source.hasConstant()) {
        return Map.of();
      }
      INDArray constant = paramsView.reshape('c', source.constantShape);
      if (initializeParams) {
        constant.assign(Nd4j.randn(constant.dataType(), constant.shape()));
      }
      return Map.of(CONSTANT, constant);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
      StyleSource source = source(conf.getLayer());
      return source.hasConstant() ? Map.of(CONSTANT, gradientView.reshape('c', source.constantShape)) : Map.of();
    }
  }
}
