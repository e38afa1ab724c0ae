package dev.ganforge.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.optimizer.AdamConfig;
import dev.ganforge.core.optimizer.LearningRateSchedule;
import dev.ganforge.core.optimizer.OptimizerConfig;
import java.util.List;

/** One network: its layers, input to output, and its optimizer (separate per network: TTUR). */
public record NetworkConfig(
    @JsonProperty(required = true) @JsonPropertyDescription("The layers, from input to output.")
        List<LayerConfig> layers,
    @JsonPropertyDescription("This network's optimizer; default adam (2e-4, beta1 0.5).")
        OptimizerConfig optimizer,
    @JsonPropertyDescription("This network's learning rate over time (warm-up, linear or step decay) as a "
        + "factor of the optimizer's learningRate; default constant.")
        LearningRateSchedule learningRateSchedule) {

  /** The most layers a network may have: far beyond any GAN, far below what stalls DL4J's assembly. */
  public static final int MAX_LAYERS = 1000;

  public NetworkConfig {
    ConfigChecks.notEmpty("layers", layers);
    if (layers != null && layers.size() > MAX_LAYERS) {
      throw new InvalidConfigException("layers", "has " + layers.size() + " layers; a network has at most "
          + MAX_LAYERS + " (GANs use tens)");
    }
    layers = layers == null ? null : List.copyOf(layers);
    optimizer = optimizer == null ? new AdamConfig(null, null, null, null) : optimizer;
    learningRateSchedule = learningRateSchedule == null
        ? LearningRateSchedule.CONSTANT : learningRateSchedule;
  }

  /** This network with another optimizer. */
  public NetworkConfig withOptimizer(OptimizerConfig newOptimizer) {
    return new NetworkConfig(layers, newOptimizer, learningRateSchedule);
  }

  /** This network with its optimizer's learning rate multiplied by {@code factor}. */
  public NetworkConfig withLearningRateFactor(double factor) {
    return new NetworkConfig(layers, optimizer.withLearningRate(optimizer.learningRate() * factor),
        learningRateSchedule);
  }
}
