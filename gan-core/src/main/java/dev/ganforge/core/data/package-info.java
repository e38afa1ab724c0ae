/**
 * Real training data: synthetic Gaussian mixtures ({@code gaussian-ring}, {@code gaussian-grid}) and
 * image datasets ({@code idx}, {@code fashion-mnist}, {@code mnist}, {@code image-folder}), each
 * selected by a {@link dev.ganforge.core.data.DataConfig} record and opened by
 * {@link dev.ganforge.core.data.DataSources#open}. Every source is an endless, checkpointable stream:
 * mixtures are driven by their own {@link dev.ganforge.core.random.SplitMixRandom} stream, finite
 * datasets are held in memory and reshuffled each epoch by a permutation recomputed from the seed and
 * the epoch number.
 */
package dev.ganforge.core.data;
