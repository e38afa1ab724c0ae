package dev.ganforge.core.optimizer;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

/** RMSprop (Tieleman and Hinton 2012) with the WGAN default (Arjovsky et al. 2017): 5e-5. */
public record RmsPropConfig(
    @JsonPropertyDescription("Step size.") Double learningRate,
    @JsonPropertyDescription("Decay of the running mean of squared gradients.") Double decay,
    @JsonPropertyDescription("Added to the root of the running mean.") Double epsilon)
    implements OptimizerConfig {

  public RmsPropConfig {
    ConfigChecks.positive("learningRate", learningRate);
    ConfigChecks.inRange("decay", decay, 0, 0.999999);
    ConfigChecks.positive("epsilon", epsilon);
    learningRate = learningRate == null ? 5e-5 : learningRate;
    decay = decay == null ? 0.95 : decay;
    epsilon = epsilon == null ? 1e-8 : epsilon;
  }

  @Override
  public IUpdater toUpdater(double factor) {
    return new RmsProp(learningRate * factor, decay, epsilon);
  }

  /** The learning rate times ratio (StyleGAN2's correction has nothing else to scale here). */
  @Override
  public RmsPropConfig forLazyRegularization(double ratio) {
    return withLearningRate(learningRate * ratio);
  }

  @Override
  public RmsPropConfig withLearningRate(double rate) {
    return new RmsPropConfig(rate, decay, epsilon);
  }
}
