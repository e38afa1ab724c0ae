package dev.ganforge.core.engine;

import dev.ganforge.core.data.DataPosition;

/**
 * Everything besides the networks that a checkpoint must hold for an exact resume.
 *
 * @param step iterations completed
 * @param discriminatorUpdates optimizer steps of D so far (Adam's bias correction counts them)
 * @param generatorUpdates optimizer steps of G so far
 * @param latentRandom state of the latent-noise stream
 * @param pluginRandom state of the stream plugins draw from
 * @param data the data stream's position
 * @param discriminatorOptimizerSteps steps of D's current optimizer (Adam's bias correction counts them):
 *     its updates since the network was last replaced; absent in checkpoints of older versions, where it
 *     equals the updates
 * @param generatorOptimizerSteps steps of G's current optimizer
 */
public record TrainerState(
    long step,
    long discriminatorUpdates,
    long generatorUpdates,
    long latentRandom,
    long pluginRandom,
    DataPosition data,
    Long discriminatorOptimizerSteps,
    Long generatorOptimizerSteps) {
  public TrainerState {
    discriminatorOptimizerSteps = discriminatorOptimizerSteps == null ? discriminatorUpdates
        : discriminatorOptimizerSteps;
    generatorOptimizerSteps = generatorOptimizerSteps == null ? generatorUpdates : generatorOptimizerSteps;
  }
}
