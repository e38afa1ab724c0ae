package dev.ganforge.layers.minibatch;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The one parameter of minibatch discrimination: T, {@code [A, B * C]}, row-major. */
final class ProjectionInitializer implements ParamInitializer {
  static final String PROJECTION = "T";

  private static long[] shape(Layer layer) {
    MinibatchDiscrimination conf = (MinibatchDiscrimination) layer;
    return new long[] {conf.getNIn(), (long) conf.getKernels() * conf.getKernelDimension()};
  }

  @Override
  public long numParams(NeuralNetConfiguration conf) {
    return numParams(conf.getLayer());
  }

  @Override
  public long numParams(Layer layer) {
    long[] shape = shape(layer);
    return shape[0] * shape[1];
  }

  @Override
  public List<String> paramKeys(Layer layer) {
    return List.of(PROJECTION);
  }

  @Override
  public List<String> weightKeys(Layer layer) {
    return List.of(PROJECTION);
  }

  @Override
  public List<String> biasKeys(Layer layer) {
    return List.of();
  }

  @Override
  public boolean isWeightParam(Layer layer, String key) {
    return PROJECTION.equals(key);
  }

  @Override
  public boolean isBiasParam(Layer layer, String key) {
    return false;
  }

  @Override
  public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
    long[] shape = shape(conf.getLayer());
    INDArray projection = paramsView.reshape('c', shape);
    if (initializeParams) {
      ((MinibatchDiscrimination) conf.getLayer()).getWeightInitFn()
          .init(shape[0], shape[1], shape, 'c', projection);
    }
    return Map.of(PROJECTION, projection);
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
    return Map.of(PROJECTION, gradientView.reshape('c', shape(conf.getLayer())));
  }
}
