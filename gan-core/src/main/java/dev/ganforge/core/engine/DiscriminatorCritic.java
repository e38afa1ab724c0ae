package dev.ganforge.core.engine;

import dev.ganforge.api.regularizer.Critic;
import dev.ganforge.api.regularizer.CriticGradients;
import java.util.List;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The discriminator as a {@link Critic}, evaluated on a network that shares (or copies) its parameters
 * but has its own gradient buffer, so asking for gradients never touches the discriminator's update.
 *
 * <p>{@link #atPrecision} keeps one converted copy per data type and refreshes its parameters from the
 * live network on every call, so penalties pay a parameter copy, not a network construction, per step.
 */
public final class DiscriminatorCritic implements Critic {
  private final MultiLayerNetwork network;
  private final MultiLayerNetwork source;
  private final DataType dataType;
  private DiscriminatorCritic converted;

  private DiscriminatorCritic(MultiLayerNetwork network, MultiLayerNetwork source, DataType dataType) {
    this.network = network;
    this.source = source;
    this.dataType = dataType;
  }

  /**
   * A critic over {@code network}'s parameters. Pass a network with a gradient buffer of its own (the
   * trainer passes the discriminator's twin), since {@link #gradients} overwrites it.
   */
  public static DiscriminatorCritic of(MultiLayerNetwork network) {
    return new DiscriminatorCritic(network, network, network.params().dataType());
  }

  @Override
  public DataType dataType() {
    // From the parameters: convertDataType leaves the configuration's data type as it was.
    return dataType;
  }

  @Override
  public INDArray scores(INDArray input) {
    INDArray scores = network.output(input.castTo(dataType()), true);
    Activations.release(network);
    return scores;
  }

  @Override
  public CriticGradients gradients(INDArray input, INDArray weights) {
    network.setInput(input.castTo(dataType()));
    List<INDArray> activations = network.feedForward(true, false);
    INDArray scores = activations.get(activations.size() - 1).dup();
    Pair<Gradient, INDArray> backprop =
        network.backpropGradient(weights.castTo(dataType()), LayerWorkspaceMgr.noWorkspaces());
    CriticGradients result = new CriticGradients(
        scores, backprop.getSecond().dup(), network.getGradientsViewArray().dup());
    Activations.release(network);
    return result;
  }

  @Override
  public Critic atPrecision(DataType dataType) {
    if (dataType == dataType()) {
      return this;
    }
    if (converted == null || converted.dataType() != dataType) {
      converted = new DiscriminatorCritic(source.convertDataType(dataType), source, dataType);
    } else {
      converted.network.params().assign(source.params().castTo(dataType));
    }
    return converted;
  }
}
