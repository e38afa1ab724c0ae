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
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J layer configuration of a modulated fully connected layer ({@code kernel} 0) or a modulated 2-D
 * convolution (stride 1, same padding), as in StyleGAN2 (Karras et al. 2020). Per sample, the style
 * w of the style source at {@code styleLayer} sets a scale per input channel, {@code s = w A^T + a};
 * the weights become {@code W[o, i] s[i]} and, with demodulation, are divided by
 * {@code sqrt(sum over i and the kernel of (W[o, i] s[i])^2 + epsilon)}, which brings a unit-variance
 * input back to unit variance. W and A are stored N(0, 1) and scaled at run time by
 * {@code 1 / sqrt(fan_in)} (equalized learning rate); a starts at 1, the bias at 0.
 */
public class Modulated extends FeedForwardLayer {
  static final String WEIGHT = "W";
  static final String BIAS = "b";
  static final String AFFINE = "A";
  static final String AFFINE_BIAS = "a";
  static final double EPSILON = 1e-8;

  private int kernel;
  private boolean demodulate = true;
  private int styleLayer = -1;
  private long styleSize;

  /** For DL4J's JSON mapper. */
  public Modulated() {}

  /**
   * @param kernel the square kernel's size, or 0 for a fully connected layer
   * @param styleLayer the index of the style source whose w modulates this layer
   */
  public Modulated(long units, int kernel, boolean demodulate, IActivation activation, int styleLayer,
      long styleSize) {
    setNOut(units);
    this.kernel = kernel;
    this.demodulate = demodulate;
    this.styleLayer = styleLayer;
    this.styleSize = styleSize;
    setActivationFn(activation);
  }

  public int getKernel() {
    return kernel;
  }

  public void setKernel(int kernel) {
    this.kernel = kernel;
  }

  public boolean isDemodulate() {
    return demodulate;
  }

  public void setDemodulate(boolean demodulate) {
    this.demodulate = demodulate;
  }

  public int getStyleLayer() {
    return styleLayer;
  }

  public void setStyleLayer(int styleLayer) {
    this.styleLayer = styleLayer;
  }

  public long getStyleSize() {
    return styleSize;
  }

  public void setStyleSize(long styleSize) {
    this.styleSize = styleSize;
  }

  boolean isConvolution() {
    return kernel > 0;
  }

  /** The weights' shape: {@code [out, in, k, k]} or {@code [out, in]}. */
  long[] weightShape() {
    return isConvolution() ? new long[] {getNOut(), getNIn(), kernel, kernel} : new long[] {getNOut(), getNIn()};
  }

  /** The run-time scale of W, 1 / sqrt(fan_in). */
  double weightScale() {
    return 1 / Math.sqrt((double) getNIn() * Math.max(1, kernel) * Math.max(1, kernel));
  }

  /** The run-time scale of A, 1 / sqrt(style size). */
  double affineScale() {
    return 1 / Math.sqrt((double) styleSize);
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    if (override || getNIn() <= 0) {
      setNIn(inputType instanceof InputType.InputTypeConvolutional conv
          ? conv.getChannels() : inputType.arrayElementsPerExample());
    }
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    if (isConvolution()) {
      InputType.InputTypeConvolutional conv = (InputType.InputTypeConvolutional) inputType;
      return InputType.convolutional(conv.getHeight(), conv.getWidth(), getNOut());
    }
    return InputType.feedForward(getNOut());
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    if (!isConvolution() && inputType instanceof InputType.InputTypeConvolutional conv) {
      return new CnnToFeedForwardPreProcessor(conv.getHeight(), conv.getWidth(), conv.getChannels());
    }
    return null;
  }

  @Override
  public ParamInitializer initializer() {
    return new ModulationInitializer();
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, getOutputType(-1, inputType))
        .standardMemory(new ModulationInitializer().numParams(this), 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    StyleSourceRuntime source = StyleLinks.source(styleLayer, getLayerName());
    return LayerInstantiation.wire(
        new ModulatedRuntime(conf, dataType, source), conf, listeners, index, paramsView, initializeParams);
  }

  /** W, b, A and a, in that order in the flattened parameters. */
  static final class ModulationInitializer implements ParamInitializer {
    private static final List<String> KEYS = List.of(WEIGHT, BIAS, AFFINE, AFFINE_BIAS);

    private static Map<String, long[]> shapes(org.deeplearning4j.nn.conf.layers.Layer layer) {
      Modulated conf = (Modulated) layer;
      return Map.of(WEIGHT, conf.weightShape(), BIAS, new long[] {1, conf.getNOut()},
          AFFINE, new long[] {conf.getNIn(), conf.getStyleSize()}, AFFINE_BIAS, new long[] {1, conf.getNIn()});
    }

    private static long length(long[] shape) {
      long length = 1;
      for (long size : shape) {
        length *= size;
      }
      return length;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
      return numParams(conf.getLayer());
    }

    @Override
    public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return shapes(layer).values().stream().mapToLong(ModulationInitializer::length).sum();
    }

    @Override
    public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return KEYS;
    }

    @Override
    public List<String> weightKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of(WEIGHT, AFFINE);
    }

    @Override
    public List<String> biasKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of(BIAS, AFFINE_BIAS);
    }

    @Override
    public boolean isWeightParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return WEIGHT.equals(key) || AFFINE.equals(key);
    }

    @Override
    public boolean isBiasParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return BIAS.equals(key) || AFFINE_BIAS.equals(key);
    }

    private static Map<String, INDArray> split(org.deeplearning4j.nn.conf.layers.Layer layer, INDArray flat) {
      Map<String, long[]> shapes = shapes(layer);
      Map<String, INDArray> views = new java.util.LinkedHashMap<>();
      long offset = 0;
      for (String key : KEYS) {
        long[] shape = shapes.get(key);
        long length = length(shape);
        views.put(key, flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + length))
            .reshape('c', shape));
        offset += length;
      }
      return views;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
      Map<String, INDArray> views = split(conf.getLayer(), paramsView.reshape(paramsView.length()));
      if (initializeParams) {
        views.get(WEIGHT).assign(Nd4j.randn(paramsView.dataType(), views.get(WEIGHT).shape()));
        views.get(AFFINE).assign(Nd4j.randn(paramsView.dataType(), views.get(AFFINE).shape()));
        views.get(BIAS).assign(0);
        views.get(AFFINE_BIAS).assign(1);
      }
      return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
      return split(conf.getLayer(), gradientView.reshape(gradientView.length()));
    }
  }
}
