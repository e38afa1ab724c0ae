package dev.ganforge.api.schedule;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PublicApi;
import dev.ganforge.api.RandomSource;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A technique that shapes training around the engine's discriminator and generator steps without being
 * one of them: PacGAN packing, a generator weight average (EMA), learning-rate schedules, class
 * conditioning, reference batches. Each hook does nothing by default; the engine calls every feature's
 * hooks in order and knows none of them by name.
 *
 * <p>The built-in features are switched on by their config keys ({@code training.pack},
 * {@code training.ema}, a network's {@code learningRateSchedule}, a {@code label-embedding} layer); a
 * Java program adds its own with {@code GanBuilder.feature(...)}; a {@link TrainingSchedule} is a
 * feature too, so a schedule plugin can use every hook.
 */
@PublicApi
public interface TrainingFeature {

  /**
   * Rearranges a batch before the discriminator scores it (after the regularizers' input transforms),
   * in every discriminator and generator step and for penalties. Must be a row-major reshape, since the
   * engine maps the gradient back by reshaping.
   */
  default INDArray discriminatorBatch(INDArray batch) {
    return batch;
  }

  /**
   * Transforms each real batch {@code [n, ...sampleShape]} as the data gives it, before anything reads
   * it (the discriminator, the loss, the penalties): progressive growing's level-of-detail blend of the
   * real images. Returns a batch of the same shape; the labels stay as they are.
   */
  default INDArray realBatch(INDArray batch) {
    return batch;
  }

  /** Called at the start of every iteration, before the schedule runs it (set learning rates here). */
  default void beforeIteration(Iteration iteration) {}

  /** Called after every optimizer step of {@code role}'s network. */
  default void afterUpdate(NetworkRole role, Iteration iteration) {}

  /**
   * The one-hot class labels {@code [n, classes]} that {@code n} fakes are generated for, which then
   * reach every label-reading layer of both networks; empty (the default) when this feature does not
   * condition the model. {@code realLabels} are those of the real batch the fakes will be judged with
   * (a discriminator step), empty for fakes of their own (a generator step), which a conditional model
   * then draws from {@code random}.
   */
  default Optional<INDArray> fakeLabels(int n, Optional<INDArray> realLabels, RandomSource random) {
    return Optional.empty();
  }

  /**
   * Called after {@link Iteration#replaceNetwork}: a feature that holds a copy of the replaced network
   * (a weight average) rebuilds it for {@code network}.
   */
  default void networkReplaced(NetworkRole role, MultiLayerNetwork network) {}

  /**
   * The network samples, metrics and {@code gan sample} draw from instead of the generator (a weight
   * average); empty to leave it to the next feature.
   */
  default Optional<MultiLayerNetwork> samplingGenerator() {
    return Optional.empty();
  }

  /**
   * Arrays this feature carries from step to step (a weight average, a fade-in factor), by keys of
   * letters, digits and dashes that no other feature uses (prefix them with your feature's name).
   * Checkpoints store them; {@link #restoreState} puts them back on resume before training continues,
   * given the keys this method returns then, so return every key from the start (a zero array until
   * there is something to keep).
   */
  default Map<String, INDArray> state() {
    return Map.of();
  }

  /** Restores what {@link #state()} returned when the checkpoint was written (exactly those keys). */
  default void restoreState(Map<String, INDArray> state) {}
}
