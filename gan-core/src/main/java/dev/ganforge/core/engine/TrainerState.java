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
 */
public record TrainerState(
    long step,
    long discriminatorUpdates,
    long generatorUpdates,
    long latentRandom,
    long pluginRandom,
    DataPosition data) {}
