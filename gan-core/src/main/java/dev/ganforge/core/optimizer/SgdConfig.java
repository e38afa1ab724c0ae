package dev.ganforge.core.optimizer;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/** Stochastic gradient descent, with optional Nesterov momentum. */
public record SgdConfig(
    @JsonPropertyDescription("Step size.") Double learningRate,
    @JsonPropertyDescription("Nesterov momentum; 0 for plain SGD.") Double momentum)
    implements OptimizerConfig {

  public SgdConfig {
    ConfigChecks.positive("learningRate", learningRate);
    ConfigChecks.inRange("momentum", momentum, 0, 0.999999);
    learningRate = learningRate == null ? 1e-2 : learningRate;
    momentum = momentum == null ? 0.0 : momentum;
  }

  @Override
  public IUpdater toUpdater(double factor) {
    return momentum == 0 ? new Sgd(learningRate * factor) : new Nesterovs(learningRate * factor, momentum);
  }

  /** The learning rate times ratio (StyleGAN2's correction has nothing else to scale here). */
  @Override
  public SgdConfig forLazyRegularization(double ratio) {
    return withLearningRate(learningRate * ratio);
  }

  @Override
  public SgdConfig withLearningRate(double rate) {
    return new SgdConfig(rate, momentum);
  }
}
