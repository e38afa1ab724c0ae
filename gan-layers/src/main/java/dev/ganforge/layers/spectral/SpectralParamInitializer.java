package dev.ganforge.layers.spectral;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a stock DL4J layer (its own initializer's, in its order) followed by the
 * power-iteration vector {@code u} (length nOut, or nIn for transposed convolutions, whose kernel is
 * {@code [in, out, kh, kw]}), a random unit vector at initialisation.
 */
final class SpectralParamInitializer implements ParamInitializer {
  static final String U = "u";

  private final ParamInitializer stock;
  private final boolean transposed;

  SpectralParamInitializer(ParamInitializer stock) {
    this(stock, false);
  }

  /** @param transposed whether the kernel's first axis is the input's channels (transposed convolutions) */
  SpectralParamInitializer(ParamInitializer stock, boolean transposed) {
    this.stock = stock;
    this.transposed = transposed;
  }

  private long uLength(Layer layer) {
    FeedForwardLayer feedForward = (FeedForwardLayer) layer;
    return transposed ? feedForward.getNIn() : feedForward.getNOut();
  }

  @Override
  public long numParams(NeuralNetConfiguration conf) {
    return numParams(conf.getLayer());
  }

  @Override
  public long numParams(Layer layer) {
    return stock.numParams(layer) + uLength(layer);
  }

  @Override
  public List<String> paramKeys(Layer layer) {
    List<String> keys = new ArrayList<>(stock.paramKeys(layer));
    keys.add(U);
    return keys;
  }

  @Override
  public List<String> weightKeys(Layer layer) {
    return stock.weightKeys(layer);
  }

  @Override
  public List<String> biasKeys(Layer layer) {
    return stock.biasKeys(layer);
  }

  @Override
  public boolean isWeightParam(Layer layer, String key) {
    return stock.isWeightParam(layer, key);
  }

  @Override
  public boolean isBiasParam(Layer layer, String key) {
    return stock.isBiasParam(layer, key);
  }

  @Override
  public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
    long stockCount = stock.numParams(conf);
    Map<String, INDArray> params =
        new LinkedHashMap<>(stock.init(conf, segment(paramsView, 0, stockCount), initializeParams));
    INDArray u = segment(paramsView, stockCount, paramsView.length());
    if (initializeParams) {
      u.assign(Nd4j.randn(u.dataType(), u.shape()));
      u.divi(u.norm2Number().doubleValue() + PowerIteration.EPSILON);
    }
    params.put(U, u);
    return params;
  }

  @Override
  public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
    long stockCount = stock.numParams(conf);
    Map<String, INDArray> gradients =
        new LinkedHashMap<>(stock.getGradientsFromFlattened(conf, segment(gradientView, 0, stockCount)));
    gradients.put(U, segment(gradientView, stockCount, gradientView.length()));
    return gradients;
  }

  /** Elements [from, to) of a flattened view, which DL4J hands over as a row vector or as rank 1. */
  private static INDArray segment(INDArray flat, long from, long to) {
    return flat.rank() == 1
        ? flat.get(NDArrayIndex.interval(from, to))
        : flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(from, to));
  }
}
