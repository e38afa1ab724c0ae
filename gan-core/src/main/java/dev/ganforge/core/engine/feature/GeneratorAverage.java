package dev.ganforge.core.engine.feature;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.config.EmaConfig;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of the generator's weights, {@code training.ema} (Yazici et al. 2019;
 * Karras et al. 2018; the decay's warm-up is {@link EmaConfig#effectiveDecay}): updated after every
 * generator update, checkpointed as {@code generator-ema}, and the network samples come from when
 * {@code useForSamples} is on.
 */
public final class GeneratorAverage implements TrainingFeature {
  /** The checkpoint array holding the average's parameters. */
  public static final String STATE = "generator-ema";

  private final EmaConfig config;
  private MultiLayerNetwork average;

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
    INDArray move = iteration.network(NetworkRole.GENERATOR).params().mul(1 - decay);
    average.params().muli(decay).addi(move);
    move.close(); // G-sized, every update: freed now, not left to the garbage collector
  }

  /** A grown generator starts a new average from its own weights: the old one has another shape. */
  @Override
  public void networkReplaced(NetworkRole role, MultiLayerNetwork network) {
    if (role == NetworkRole.GENERATOR) {
      average = copyOf(network);
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
