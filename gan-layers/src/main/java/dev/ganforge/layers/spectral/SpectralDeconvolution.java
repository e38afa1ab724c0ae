package dev.ganforge.layers.spectral;

import dev.ganforge.api.layer.LayerInstantiation;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J's 2-D transposed convolution with spectrally normalized weights, as {@link SpectralConvolution}
 * does it. DL4J stores the kernel as {@code [in, out, kh, kw]}; it is normalized as the matrix
 * {@code [in, out * kh * kw]} (the same largest singular value as any arrangement with the input channels
 * on one side), so u has one entry per input channel.
 */
public class SpectralDeconvolution extends Deconvolution2D {

  /** For DL4J's JSON mapper. */
  public SpectralDeconvolution() {}

  public SpectralDeconvolution(Deconvolution2D.Builder builder) {
    super(builder);
  }

  @Override
  public ParamInitializer initializer() {
    return new SpectralParamInitializer(DeconvolutionParamInitializer.getInstance(), true);
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

  /** The layer at run time. */
  static final class Implementation extends org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer {
    // The kernel's first axis is the input channels here, so the conv layout's matrix view fits as is.
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
