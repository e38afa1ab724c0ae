package dev.ganforge.layers.attention;

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
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J layer configuration of SAGAN's self-attention (Zhang et al. 2019) over the spatial positions of
 * an image: with 1x1 projections f = Wf x, g = Wg x (keyChannels each) and h = Wh x (C), position j
 * receives {@code o_j = sum_i softmax_i(f_i . g_j) h_i}, and the layer outputs {@code gamma o + x} with
 * gamma a learned scalar starting at 0, so the network starts local and learns how much to attend.
 */
public class SelfAttention extends FeedForwardLayer {
  static final String QUERY = "Wf";
  static final String KEY = "Wg";
  static final String VALUE = "Wh";
  static final String GAIN = "gamma";
  /** The power-iteration vector of each projection, when spectrally normalized: {@code "u" + key}. */
  static final List<String> PROJECTIONS = List.of(QUERY, KEY, VALUE);

  private int keyChannels;
  private boolean spectral;

  /** For DL4J's JSON mapper. */
  public SelfAttention() {}

  public SelfAttention(int keyChannels, boolean spectral) {
    this.keyChannels = keyChannels;
    this.spectral = spectral;
  }

  public int getKeyChannels() {
    return keyChannels;
  }

  public void setKeyChannels(int keyChannels) {
    this.keyChannels = keyChannels;
  }

  public boolean isSpectral() {
    return spectral;
  }

  public void setSpectral(boolean spectral) {
    this.spectral = spectral;
  }

  /** The key of a projection's power-iteration vector. */
  static String vectorOf(String projection) {
    return "u" + projection;
  }

  @Override
  public IUpdater getUpdaterByParam(String param) {
    return param.startsWith("u") ? new NoOp() : super.getUpdaterByParam(param);
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    if (!(inputType instanceof InputType.InputTypeConvolutional conv)) {
      throw new IllegalArgumentException("self-attention attends over the positions of an image and needs "
          + "convolutional input, got " + inputType + "; place it between convolutional layers");
    }
    if (override || getNIn() <= 0) {
      setNIn(conv.getChannels());
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
  public ParamInitializer initializer() {
    return new AttentionInitializer();
  }

  @Override
  public List<Regularization> getRegularizationByParam(String param) {
    return GAIN.equals(param) || param.startsWith("u") ? List.of() : getRegularization();
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, inputType)
        .standardMemory(initializer().numParams(this), 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerInstantiation.wire(
        new SelfAttentionRuntime(conf, dataType), conf, listeners, index, paramsView, initializeParams);
  }

  /**
   * Wf and Wg {@code [keyChannels, C]}, Wh {@code [C, C]} (Xavier), gamma {@code [1, 1]} (0), in that order;
   * spectrally normalized, then each projection's vector u ({@code [1, rows]}, a random unit vector).
   */
  static final class AttentionInitializer implements ParamInitializer {
    private static Map<String, long[]> shapes(org.deeplearning4j.nn.conf.layers.Layer layer) {
      SelfAttention conf = (SelfAttention) layer;
      long channels = conf.getNIn();
      Map<String, long[]> shapes = new LinkedHashMap<>();
      shapes.put(QUERY, new long[] {conf.getKeyChannels(), channels});
      shapes.put(KEY, new long[] {conf.getKeyChannels(), channels});
      shapes.put(VALUE, new long[] {channels, channels});
      shapes.put(GAIN, new long[] {1, 1});
      if (conf.isSpectral()) {
        for (String projection : PROJECTIONS) {
          shapes.put(vectorOf(projection), new long[] {1, shapes.get(projection)[0]});
        }
      }
      return shapes;
    }

    private static Map<String, INDArray> views(org.deeplearning4j.nn.conf.layers.Layer layer, INDArray flat) {
      INDArray row = flat.reshape(flat.length());
      Map<String, INDArray> views = new LinkedHashMap<>();
      long offset = 0;
      for (Map.Entry<String, long[]> entry : shapes(layer).entrySet()) {
        long length = entry.getValue()[0] * entry.getValue()[1];
        views.put(entry.getKey(), row.get(NDArrayIndex.interval(offset, offset + length)).reshape('c', entry.getValue()));
        offset += length;
      }
      return views;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
      return numParams(conf.getLayer());
    }

    @Override
    public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return shapes(layer).values().stream().mapToLong(shape -> shape[0] * shape[1]).sum();
    }

    @Override
    public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.copyOf(shapes(layer).keySet());
    }

    @Override
    public List<String> weightKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of(QUERY, KEY, VALUE);
    }

    @Override
    public List<String> biasKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of();
    }

    @Override
    public boolean isWeightParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return PROJECTIONS.contains(key);
    }

    @Override
    public boolean isBiasParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
      Map<String, INDArray> views = views(conf.getLayer(), paramsView);
      if (initializeParams) {
        for (String key : List.of(QUERY, KEY, VALUE)) {
          INDArray weights = views.get(key);
          new WeightInitXavier().init(weights.size(1), weights.size(0), weights.shape(), 'c', weights);
        }
        views.get(GAIN).assign(0);
        for (String projection : PROJECTIONS) {
          INDArray u = views.get(vectorOf(projection));
          if (u != null) {
            u.assign(Nd4j.randn(u.dataType(), u.shape()));
            u.divi(u.norm2Number().doubleValue());
          }
        }
      }
      return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
      return views(conf.getLayer(), gradientView);
    }
  }
}
