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
import org.nd4j.linalg.factory.Nd4j;

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
  /** The one-hot labels of the samples being criticised, for a conditional discriminator; else null. */
  private INDArray labels;

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

  /**
   * The labels a conditional discriminator reads for the next calls (null: unconditional). Regularizers
   * see the critic of one step, whose real and fake samples share their labels.
   */
  void setLabels(INDArray labels) {
    this.labels = labels;
  }

  @Override
  public INDArray scores(INDArray input) {
    Conditioning.setLabels(network, labels);
    INDArray scores = adversarial(network.output(input.castTo(dataType()), true));
    Activations.release(network);
    return scores;
  }

  @Override
  public CriticGradients gradients(INDArray input, INDArray weights) {
    Conditioning.setLabels(network, labels);
    network.setInput(input.castTo(dataType()));
    List<INDArray> activations = network.feedForward(true, false);
    INDArray output = activations.get(activations.size() - 1);
    INDArray scores = adversarial(output).dup();
    INDArray outputWeights = weights.castTo(dataType());
    if (output.size(1) > 1) {
      // An auxiliary classifier's logits follow the score: penalties weigh the score alone.
      outputWeights = Nd4j.zeros(dataType(), output.size(0), output.size(1));
      outputWeights.getColumn(0).assign(weights.reshape(weights.length()).castTo(dataType()));
    }
    Pair<Gradient, INDArray> backprop =
        network.backpropGradient(outputWeights, LayerWorkspaceMgr.noWorkspaces());
    CriticGradients result = new CriticGradients(
        scores, backprop.getSecond().dup(), network.getGradientsViewArray().dup());
    Activations.release(network);
    return result;
  }

  /** Column 0 of the discriminator's output, {@code [n, 1]}: the adversarial score. */
  private static INDArray adversarial(INDArray output) {
    return output.size(1) == 1 ? output : output.getColumn(0).reshape(output.size(0), 1);
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
    converted.labels = labels; // Conditioning casts them to the network's type
    return converted;
  }
}
