package dev.ganforge.core.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.InvalidConfigException;

/** The length of a run and how often it reports. */
public record TrainingConfig(
    @JsonPropertyDescription("Training iterations (each runs the schedule's D steps, then its G steps).")
        Integer steps,
    @JsonPropertyDescription("Samples per batch, for real and fake batches alike.") Integer batchSize,
    @JsonPropertyDescription("Write a fixed-noise sample grid every this many steps.") Integer sampleEvery,
    @JsonPropertyDescription("Write a checkpoint every this many steps.") Integer checkpointEvery,
    @JsonPropertyDescription("Reuse the D step's fakes (and their z) in the G step instead of drawing new ones.")
        Boolean reuseFakes,
    @JsonPropertyDescription("Log losses and scores to metrics.jsonl every this many steps.") Integer logEvery,
    @JsonPropertyDescription("How many of the newest checkpoints to keep, besides step-000000 (the untrained "
        + "networks).") Integer keepCheckpoints,
    @JsonPropertyDescription("Keep an exponential moving average of the generator's weights, e.g. "
        + "{decay: 0.999}; absent: off.") EmaConfig ema,
    @JsonPropertyDescription("PacGAN (Lin et al. 2018): D judges packs of this many samples concatenated "
        + "(features, or image channels); 1 is off. batchSize must be a multiple of it.") Integer pack,
    @JsonPropertyDescription("CPU threads for ND4J's native code (its loops, OpenMP and BLAS); absent: "
        + "OMP_NUM_THREADS, else ND4J's default. Small networks can run faster on one. The thread count "
        + "changes float rounding, so runs are repeatable for the same count only.") Integer threads) {

  public TrainingConfig {
    ConfigChecks.positive("steps", steps);
    ConfigChecks.positive("batchSize", batchSize);
    ConfigChecks.positive("sampleEvery", sampleEvery);
    ConfigChecks.positive("checkpointEvery", checkpointEvery);
    ConfigChecks.positive("logEvery", logEvery);
    ConfigChecks.positive("keepCheckpoints", keepCheckpoints);
    ConfigChecks.positive("pack", pack);
    ConfigChecks.positive("threads", threads);
    steps = steps == null ? 10_000 : steps;
    batchSize = batchSize == null ? 64 : batchSize;
    sampleEvery = sampleEvery == null ? 500 : sampleEvery;
    checkpointEvery = checkpointEvery == null ? 1_000 : checkpointEvery;
    reuseFakes = reuseFakes == null ? Boolean.TRUE : reuseFakes;
    logEvery = logEvery == null ? 10 : logEvery;
    keepCheckpoints = keepCheckpoints == null ? 3 : keepCheckpoints;
    pack = pack == null ? 1 : pack;
    if (batchSize % pack != 0) {
      throw new InvalidConfigException("pack", "batchSize " + batchSize
          + " is not a multiple of pack " + pack + "; use a batchSize like " + (batchSize / pack + 1) * pack);
    }
  }

  /** This config with another number of steps. */
  public TrainingConfig withSteps(int newSteps) {
    return new TrainingConfig(newSteps, batchSize, sampleEvery, checkpointEvery, reuseFakes, logEvery,
        keepCheckpoints, ema, pack, threads);
  }
}
