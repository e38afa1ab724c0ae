package dev.ganforge.core.data;

/**
 * A data stream's position, as stored in checkpoints.
 *
 * @param epoch completed passes over a finite dataset (0 for generated data)
 * @param cursor samples read in the current epoch
 * @param randomState the state of the source's own random stream (shuffling, sampling)
 */
public record DataPosition(long epoch, long cursor, long randomState) {}
