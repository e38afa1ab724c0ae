package dev.ganforge.layers.spectral;

import dev.ganforge.api.layer.LayerInstantiation;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J's 2-D convolution with spectrally normalized weights, as {@link SpectralDense} does it for dense
 * layers. The kernel {@code [out, in, kh, kw]} is normalized as the matrix {@code [out, in * kh * kw]}
 * (Miyato et al. 2018, as in PyTorch's {@code spectral_norm}); u has one entry per output channel.
 */
public class SpectralConvolution extends ConvolutionLayer {

  /** For DL4J's JSON mapper. */
  public SpectralConvolution() {}

  public SpectralConvolution(ConvolutionLayer.Builder builder) {
    super(builder);
  }

  @Override
  public ParamInitializer initializer() {
    return new SpectralParamInitializer(ConvolutionParamInitializer.getInstance());
  }

  @Override
  public IUpdater getUpdaterByParam(String param) {
    return SpectralParamInitializer.U.equals(param) ? new NoOp() : super.getUpdaterByParam(param);
  }

  @Override
  public List<Regularization> getRegularizationByParam(String param) {
    return SpectralParamInitializer.U.equals(param) ? List.of() : super.getRegularizationByParam(param);
  }

  @Override
  public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners, int index, INDArray paramsView, boolean initializeParams,
      DataType dataType) {
    return LayerInstantiation.wire(
        new Implementation(conf, dataType), conf, listeners, index, paramsView, initializeParams);
  }

  /** The kernel as the matrix {@code [in * kh * kw, out]} that {@link PowerIteration} expects (a view). */
  static INDArray matrix(INDArray kernel) {
    return kernel.reshape('c', kernel.size(0), kernel.length() / kernel.size(0)).transpose();
  }

  /** The layer at run time. */
  static final class Implementation extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
    private final SpectralWeights weights = new SpectralWeights(SpectralConvolution::matrix);

    Implementation(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
      if (training) {
        weights.advance(params);
      }
      return super.activate(training, workspaceMgr);
    }

    @Override
    protected INDArray getParamWithNoise(String param, boolean training, LayerWorkspaceMgr workspaceMgr) {
      return weights.effective(param, super.getParamWithNoise(param, training, workspaceMgr), params);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      Pair<Gradient, INDArray> result = super.backpropGradient(epsilon, workspaceMgr);
      weights.convertGradients(params, gradientViews, result.getFirst());
      return result;
    }
  }
}
