package dev.ganforge.core.engine;

import dev.ganforge.api.regularizer.Critic;
import dev.ganforge.api.regularizer.CriticGradients;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The discriminator as a {@link Critic}, evaluated on a network that shares (or copies) its parameters
 * but has its own gradient buffer, so asking for gradients never touches the discriminator's update.
 */
final class DiscriminatorCritic implements Critic {
  private final MultiLayerNetwork network;

  DiscriminatorCritic(MultiLayerNetwork network) {
    this.network = network;
  }

  @Override
  public DataType dataType() {
    return network.getLayerWiseConfigurations().getDataType();
  }

  @Override
  public INDArray scores(INDArray input) {
    INDArray scores = network.output(input, true);
    Activations.release(network);
    return scores;
  }

  @Override
  public CriticGradients gradients(INDArray input, INDArray weights) {
    network.setInput(input);
    java.util.List<INDArray> activations = network.feedForward(true, false);
    INDArray scores = activations.get(activations.size() - 1).dup();
    Pair<Gradient, INDArray> backprop = network.backpropGradient(weights, LayerWorkspaceMgr.noWorkspaces());
    CriticGradients result = new CriticGradients(
        scores, backprop.getSecond().dup(), network.getGradientsViewArray().dup());
    Activations.release(network);
    return result;
  }

  @Override
  public Critic atPrecision(DataType dataType) {
    return dataType == dataType() ? this : new DiscriminatorCritic(network.convertDataType(dataType));
  }
}
