package dev.ganforge.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.regularizer.Penalty;
import dev.ganforge.api.regularizer.RegularizationStep;
import dev.ganforge.api.regularizer.Regularizer;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.regularizer.RegularizerProvider;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Historical averaging (Salimans et al. 2016, section 3.3): {@code weight * |theta - mean(theta_past)|^2}
 * on one network's trainable parameters, where the mean is over all past updates ({@code decay} absent) or an
 * exponential moving average. The average is treated as a constant, so the gradient is
 * {@code 2 weight (theta - average)}. The average is checkpointed, so a resumed run continues exactly.
 */
public final class HistoricalAveraging implements Regularizer {
  private static final String AVERAGE = "average";
  private final Config config;
  private INDArray average;
  private long updates;

  public HistoricalAveraging(Config config) {
    this.config = config;
  }

  @Override
  public NetworkRole network() {
    return config.network();
  }

  @Override
  public Penalty penalty(RegularizationStep step) {
    if (average == null || average.length() != step.parameters().all().length()) {
      return Penalty.NONE; // nothing averaged yet, or the network was replaced by a grown one
    }
    // Trainable parameters only: running statistics are not weights, and no gradient may reach them.
    INDArray difference = step.parameters().all().castTo(DataType.DOUBLE).sub(average)
        .muli(step.parameters().trainableMask().castTo(DataType.DOUBLE));
    double value = config.weight() * difference.mul(difference).sumNumber().doubleValue();
    return Penalty.of(value, difference.muli(2 * config.weight()));
  }

  @Override
  public void afterUpdate(NetworkParameters parameters, long step) {
    INDArray current = parameters.all().castTo(DataType.DOUBLE);
    if (average == null || average.length() != current.length()) {
      // A grown network (progressive growing) has other parameters: its average starts over.
      average = current.dup();
      updates = 1;
      return;
    }
    updates++;
    // Cumulative mean: a += (theta - a) / t. Moving average: a += (1 - decay) (theta - a).
    double rate = config.decay() == null ? 1.0 / updates : 1 - config.decay();
    average.addi(current.sub(average).muli(rate));
  }

  @Override
  public Map<String, INDArray> state() {
    if (average == null) {
      return Map.of();
    }
    return Map.of(AVERAGE, average, "updates", Nd4j.scalar(DataType.DOUBLE, updates));
  }

  @Override
  public void restoreState(Map<String, INDArray> state) {
    average = state.get(AVERAGE).castTo(DataType.DOUBLE).dup();
    updates = (long) state.get("updates").getDouble(0);
  }

  /** Config of {@code historical-averaging}. */
  public record Config(
      @JsonPropertyDescription("Penalty weight on the squared distance from the average.") Double weight,
      @JsonPropertyDescription("Moving-average decay per update; absent: the mean of all past parameters, "
          + "as in the paper.") Double decay,
      @JsonPropertyDescription("The network whose parameters are averaged: discriminator or generator.")
          NetworkRole network,
      @JsonPropertyDescription(LazyInterval.DESCRIPTION) Integer every) implements RegularizerConfig {
    public Config {
      ConfigChecks.nonNegative("weight", weight);
      ConfigChecks.inRange("decay", decay, 0, 1);
      weight = weight == null ? 1e-3 : weight;
      network = network == null ? NetworkRole.DISCRIMINATOR : network;
      every = LazyInterval.orDefault(every);
    }
  }

  /** Registers {@code historical-averaging}. */
  @AutoService(RegularizerProvider.class)
  public static final class Provider implements RegularizerProvider<Config> {
    @Override
    public String type() {
      return "historical-averaging";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Regularizer create(Config config, PluginContext context) {
      return new HistoricalAveraging(config);
    }

    @Override
    public String description() {
      return "Salimans et al. 2016: weight * |theta - average of past theta|^2 on D's (or G's) parameters.";
    }
  }
}
