package dev.ganforge.layers.noise;

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
 * DL4J layer configuration of noise injection (Karras et al. 2019, StyleGAN): {@code y = x + s * noise},
 * with noise ~ N(0, 1) drawn afresh at every pass (one value per pixel shared by all channels for images,
 * one per feature for vectors) and s a learned strength per channel (per feature), initially 0.
 */
public class NoiseInjection extends FeedForwardLayer {
  static final String STRENGTH = "s";

  /** For DL4J's JSON mapper. */
  public NoiseInjection() {}

  @Override
  public void setNIn(InputType inputType, boolean override) {
    long channels = inputType instanceof InputType.InputTypeConvolutional conv
        ? conv.getChannels() : inputType.arrayElementsPerExample();
    if (override || getNIn() <= 0) {
      setNIn(channels);
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
    return new StrengthInitializer();
  }

  @Override
  public List<Regularization> getRegularizationByParam(String param) {
    return List.of();
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, inputType)
        .standardMemory(getNIn(), 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerInstantiation.wire(
        new NoiseInjectionRuntime(conf, dataType), conf, listeners, index, paramsView, initializeParams);
  }

  /** One strength per channel, {@code [1, C]}, zero at initialisation. */
  static final class StrengthInitializer implements ParamInitializer {
    @Override
    public long numParams(NeuralNetConfiguration conf) {
      return numParams(conf.getLayer());
    }

    @Override
    public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return ((NoiseInjection) layer).getNIn();
    }

    @Override
    public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of(STRENGTH);
    }

    @Override
    public List<String> weightKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of(STRENGTH);
    }

    @Override
    public List<String> biasKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
      return List.of();
    }

    @Override
    public boolean isWeightParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return STRENGTH.equals(key);
    }

    @Override
    public boolean isBiasParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
      return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
      INDArray strength = paramsView.reshape('c', 1, paramsView.length());
      if (initializeParams) {
        strength.assign(0);
      }
      return Map.of(STRENGTH, strength);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
      return Map.of(STRENGTH, gradientView.reshape('c', 1, gradientView.length()));
    }
  }
}
