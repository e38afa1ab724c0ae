package dev.ganforge.core.engine.feature;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.layer.LayerParameters;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.config.EmaConfig;
import dev.ganforge.core.engine.NetworkParametersView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of the generator's weights, {@code training.ema} (Yazici et al. 2019;
 * Karras et al. 2018; the decay's warm-up is {@link EmaConfig#effectiveDecay}): updated after every
 * generator update, checkpointed as {@code generator-ema}, and the network samples come from when
 * {@code useForSamples} is on. State no optimizer trains (BatchNorm statistics, spectral normalization's
 * u, a fade-in factor) is copied from the generator, not averaged, as Karras et al.'s code does
 * (a moving average with beta 0 for non-trainable variables).
 */
public final class GeneratorAverage implements TrainingFeature {
  /** The checkpoint array holding the average's parameters. */
  public static final String STATE = "generator-ema";

  private final EmaConfig config;
  private MultiLayerNetwork average;
  /** The generator whose state {@link #state} views, and the average's views of the same arrays. */
  private MultiLayerNetwork stateSource;
  private List<INDArray> state;
  private List<INDArray> averagedState;

  /** An average that starts at {@code generator}'s current weights. */
  public GeneratorAverage(EmaConfig config, MultiLayerNetwork generator) {
    this.config = config;
    this.average = copyOf(generator);
  }

  private static MultiLayerNetwork copyOf(MultiLayerNetwork generator) {
    MultiLayerNetwork copy = new MultiLayerNetwork(generator.getLayerWiseConfigurations().clone());
    copy.init(generator.params().dup(), false);
    return copy;
  }

  @Override
  public void afterUpdate(NetworkRole role, Iteration iteration) {
    if (role != NetworkRole.GENERATOR) {
      return;
    }
    double decay = config.effectiveDecay(iteration.updates(NetworkRole.GENERATOR) - 1);
    MultiLayerNetwork generator = iteration.network(NetworkRole.GENERATOR);
    INDArray move = generator.params().mul(1 - decay);
    average.params().muli(decay).addi(move);
    move.close(); // G-sized, every update: freed now, not left to the garbage collector
    if (generator != stateSource) { // the views are found once per pair of networks, not every update
      stateSource = generator;
      state = new NetworkParametersView(role, generator).untrainable();
      averagedState = new NetworkParametersView(role, average).untrainable();
    }
    for (int i = 0; i < state.size(); i++) {
      averagedState.get(i).assign(state.get(i));
    }
  }

  /**
   * A grown generator: the average takes its shape, keeps its averages for the layers the new network
   * keeps (same name, same parameter shapes) and starts the new layers from their current weights.
   */
  @Override
  public void networkReplaced(NetworkRole role, MultiLayerNetwork network) {
    if (role == NetworkRole.GENERATOR) {
      MultiLayerNetwork grown = copyOf(network);
      LayerParameters.copyMatching(average, grown);
      average = grown;
      stateSource = null;
    }
  }

  @Override
  public Optional<MultiLayerNetwork> samplingGenerator() {
    return config.useForSamples() ? Optional.of(average) : Optional.empty();
  }

  @Override
  public Map<String, INDArray> state() {
    return Map.of(STATE, average.params());
  }

  @Override
  public void restoreState(Map<String, INDArray> state) {
    average.params().assign(state.get(STATE));
  }
}
