package dev.ganforge.layers.spectral;

import dev.ganforge.api.layer.LayerInstantiation;
import dev.ganforge.layers.dense.Dense;
import dev.ganforge.layers.dense.DenseRuntime;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J's dense layer with spectrally normalized weights: it computes with {@code W / sigma(W)} (see
 * {@link PowerIteration}) through DL4J's own dense kernels and converts the weight gradient back to W.
 * The vector u is an extra parameter (saved and restored with the network) with a no-op updater, no
 * regularization and a zero gradient; it advances one power iteration per training-mode forward pass.
 */
public class SpectralDense extends Dense {

  /** For DL4J's JSON mapper. */
  public SpectralDense() {}

  public SpectralDense(long nOut, IActivation activation, IWeightInit weightInit, boolean hasBias) {
    super(nOut, activation, weightInit, hasBias);
  }

  @Override
  public ParamInitializer initializer() {
    return new SpectralParamInitializer(DefaultParamInitializer.getInstance());
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
  static final class Implementation extends DenseRuntime {
    private final SpectralWeights weights = new SpectralWeights(UnaryOperator.identity());

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
