package dev.ganforge.layers.style;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A style source at run time. Forward: keeps w for the modulated layers after it and outputs w or the
 * constant broadcast over the batch. Backward: those layers ran their backward first (the chain runs
 * backward in reverse) and added their dL/dw here, so dL/dw is that sum plus, without a constant, the
 * gradient arriving from the next layer; the constant's gradient is the arriving gradient summed over
 * the batch.
 */
final class StyleSourceRuntime extends BaseLayer<StyleSource> {
  private INDArray style;
  private INDArray styleGradient;

  StyleSourceRuntime(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** w of the current pass, {@code [batch, styleSize]}. */
  INDArray style() {
    if (style == null) {
      throw new IllegalStateException("a modulated layer ran before its mapping network: the style source "
          + layerConf().getLayerName() + " has not seen this pass yet");
    }
    return style;
  }

  /** Adds a modulated layer's dL/dw for the current pass. */
  void addStyleGradient(INDArray gradient) {
    styleGradient.addi(gradient);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    style = input.castTo(dataType);
    styleGradient = style.ulike().assign(0);
    INDArray output;
    if (layerConf().hasConstant()) {
      INDArray constant = params.get(StyleSource.CONSTANT);
      long[] shape = constant.shape();
      output = constant.reshape('c', 1, shape[0], shape[1], shape[2])
          .repeat(0, style.size(0));
    } else {
      output = style.dup();
    }
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    INDArray inputGradient = styleGradient.dup();
    if (layerConf().hasConstant()) {
      INDArray constantGradient = gradientViews.get(StyleSource.CONSTANT);
      constantGradient.assign(epsilon.sum(0));
      gradient.gradientForVariable().put(StyleSource.CONSTANT, constantGradient);
    } else {
      inputGradient.addi(epsilon);
    }
    return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
  }

  // No clear() override: DL4J's inference pass clears each layer as soon as the next one has run, and
  // the modulated layers further on still read w.

  @Override
  public boolean isPretrainLayer() {
    return false;
  }
}
