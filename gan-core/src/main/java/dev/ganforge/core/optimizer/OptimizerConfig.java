package dev.ganforge.core.optimizer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.nd4j.linalg.learning.config.IUpdater;

/** A network's optimizer, e.g. {@code {type: adam, learningRate: 2.0e-4, beta1: 0.5}}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AdamConfig.class, name = "adam"),
  @JsonSubTypes.Type(value = RmsPropConfig.class, name = "rmsprop"),
  @JsonSubTypes.Type(value = SgdConfig.class, name = "sgd")
})
public sealed interface OptimizerConfig permits AdamConfig, RmsPropConfig, SgdConfig {

  /** The configured learning rate. */
  Double learningRate();

  /** This optimizer with another learning rate. */
  OptimizerConfig withLearningRate(double learningRate);

  /**
   * This optimizer for a network whose regularization runs every {@code k} steps, with
   * {@code ratio = k / (k + 1)}: the learning rate times ratio (and Adam's betas to the power ratio), as
   * StyleGAN2's code corrects for lazy regularization (Karras et al. 2020).
   */
  OptimizerConfig forLazyRegularization(double ratio);

  /** The DL4J updater, at {@code factor} times the configured learning rate (schedules scale it). */
  IUpdater toUpdater(double factor);
}
