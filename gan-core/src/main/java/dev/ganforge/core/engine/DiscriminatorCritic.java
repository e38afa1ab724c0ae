package dev.ganforge.core.engine;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.regularizer.Critic;
import dev.ganforge.api.regularizer.CriticGradients;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The discriminator as a {@link Critic}, evaluated on a network that shares (or copies) its parameters
 * but has its own gradient buffer, so asking for gradients never touches the discriminator's update.
 *
 * <p>Every pass leaves the network's state as it found it: a training-mode forward advances spectral
 * normalization's vector u (and could move any state a layer keeps among its parameters), so the state
 * is copied before a pass and put back after it. Penalties that compare passes (central differences)
 * therefore see the same u in each, and the discriminator's own state never moves because a penalty
 * looked at it. Parameter gradients are zero at that state: BatchNorm's running statistics come back
 * from backprop as pseudo-gradients (docs/dl4j-findings.md), which are no derivative.
 *
 * <p>{@link #atPrecision} keeps one converted copy per data type and refreshes its parameters (state
 * included) from the live network on every call, so penalties pay a parameter copy, not a network
 * construction, per step.
 */
public final class DiscriminatorCritic implements Critic {
  private final MultiLayerNetwork network;
  private final MultiLayerNetwork source;
  private final DataType dataType;
  /** Views of the parameters no optimizer updates (see {@link NetworkParametersView}). */
  private final List<INDArray> state;
  /** 1 at trainable parameters, 0 at state: applied to parameter gradients. */
  private final INDArray trainableMask;
  private DiscriminatorCritic converted;
  /** The one-hot labels of the samples being criticised, for a conditional discriminator; else null. */
  private INDArray labels;

  private DiscriminatorCritic(MultiLayerNetwork network, MultiLayerNetwork source, DataType dataType) {
    this.network = network;
    this.source = source;
    this.dataType = dataType;
    NetworkParametersView parameters = new NetworkParametersView(NetworkRole.DISCRIMINATOR, network);
    this.state = parameters.untrainable();
    this.trainableMask = parameters.trainableMask();
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
    List<INDArray> saved = saveState();
    Conditioning.setLabels(network, labels);
    INDArray scores = adversarial(network.output(input.castTo(dataType()), true));
    Activations.release(network);
    restoreState(saved);
    return scores;
  }

  @Override
  public CriticGradients gradients(INDArray input, INDArray weights) {
    List<INDArray> saved = saveState();
    Conditioning.setLabels(network, labels);
    // A cycle of its own: the passes' arrays are dropped when it closes, the results are copied out.
    try (NetworkPass.Cycle cycle = NetworkPass.SCOPED.open()) {
      INDArray output = NetworkPass.SCOPED.forward(network, input.castTo(dataType()));
      INDArray scores = adversarial(output).dup();
      INDArray outputWeights = weights.castTo(dataType());
      if (output.size(1) > 1) {
        // An auxiliary classifier's logits follow the score: penalties weigh the score alone.
        outputWeights = Nd4j.zeros(dataType(), output.size(0), output.size(1));
        outputWeights.getColumn(0).assign(weights.reshape(weights.length()).castTo(dataType()));
      }
      INDArray inputGradient = NetworkPass.SCOPED.backward(network, outputWeights).getSecond().dup();
      return new CriticGradients(scores, inputGradient, network.getGradientsViewArray().mul(trainableMask));
    } finally {
      Activations.release(network);
      restoreState(saved);
    }
  }

  private List<INDArray> saveState() {
    return state.stream().map(INDArray::dup).toList();
  }

  private void restoreState(List<INDArray> saved) {
    for (int i = 0; i < state.size(); i++) {
      state.get(i).assign(saved.get(i));
    }
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
