package dev.ganforge.core.run;

import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.random.SplitMixRandom;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run's generator at one of its checkpoints, with the run's config and data.
 *
 * @param config the run's resolved config
 * @param model the networks as the checkpoint holds them, sampling as the run did (from its generator
 *     average when it kept one for samples)
 * @param data the run's data (for its description and real samples)
 * @param checkpoint the checkpoint's name
 */
public record RunSnapshot(GanConfig config, GanModel model, DataSource data, String checkpoint) {
  /**
   * {@code n} samples from latent codes drawn from {@code random}, in inference mode; a conditional
   * model draws its classes in equal blocks, class 0 first ({@link GanModel#gridClasses}).
   */
  public INDArray sample(SplitMixRandom random, int n) {
    return model.sample(config.latent().sample(random, TrainingRun.DATA_TYPE, n));
  }

  /** {@code n} samples of class {@code label} of a conditional model. */
  public INDArray sample(SplitMixRandom random, int n, int label) {
    int[] classes = new int[n];
    Arrays.fill(classes, label);
    return model.sample(config.latent().sample(random, TrainingRun.DATA_TYPE, n), model.oneHot(classes));
  }
}
