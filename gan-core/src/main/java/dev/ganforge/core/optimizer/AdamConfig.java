package dev.ganforge.core.optimizer;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/** Adam (Kingma and Ba 2015) with the DCGAN defaults (Radford et al. 2016): 2e-4, beta1 0.5. */
public record AdamConfig(
    @JsonPropertyDescription("Step size.") Double learningRate,
    @JsonPropertyDescription("Decay of the first-moment estimate.") Double beta1,
    @JsonPropertyDescription("Decay of the second-moment estimate.") Double beta2,
    @JsonPropertyDescription("Added to the root of the second moment.") Double epsilon)
    implements OptimizerConfig {

  public AdamConfig {
    ConfigChecks.positive("learningRate", learningRate);
    ConfigChecks.inRange("beta1", beta1, 0, 0.999999);
    ConfigChecks.inRange("beta2", beta2, 0, 0.999999);
    ConfigChecks.positive("epsilon", epsilon);
    learningRate = learningRate == null ? 2e-4 : learningRate;
    beta1 = beta1 == null ? 0.5 : beta1;
    beta2 = beta2 == null ? 0.999 : beta2;
    epsilon = epsilon == null ? 1e-8 : epsilon;
  }

  @Override
  public IUpdater toUpdater(double factor) {
    return new Adam(learningRate * factor, beta1, beta2, epsilon);
  }

  @Override
  public AdamConfig forLazyRegularization(double ratio) {
    return new AdamConfig(learningRate * ratio, Math.pow(beta1, ratio), Math.pow(beta2, ratio), epsilon);
  }

  @Override
  public AdamConfig withLearningRate(double rate) {
    return new AdamConfig(rate, beta1, beta2, epsilon);
  }
}
