package dev.ganforge.api.schedule;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PublicApi;
import dev.ganforge.api.RandomSource;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's primitives, as one training iteration sees them. A {@link TrainingSchedule} calls them
 * to make the iteration's updates; {@link TrainingFeature} hooks receive the same view.
 *
 * <p>Everything random here draws from the run's streams, so an iteration is a deterministic function
 * of the run's seed and state.
 */
@PublicApi
public interface Iteration {

  /** The iteration (0-based): iterations completed before this one. */
  long step();

  /** The run's length in iterations ({@code training.steps}). */
  long totalSteps();

  /** Samples per real and per generated batch: {@code training.batchSize}, or as last set this run. */
  int batchSize();

  /**
   * Sets the samples per real and per generated batch from now on (progressive growing's batch size per
   * resolution). It is not checkpointed: set it in {@link TrainingFeature#beforeIteration} from the step
   * or from checkpointed state, so that a resumed run sets it again.
   *
   * @throws UnsupportedOperationException where the iteration's batch size is fixed
   */
  default void setBatchSize(int batchSize) {
    throw new UnsupportedOperationException("this iteration's batch size is fixed");
  }

  /**
   * One discriminator update: a fresh real batch, fakes generated from fresh latent codes (detached: no
   * gradient reaches the generator), the loss on both sets of scores, the discriminator's regularizers,
   * one optimizer step. Logs {@code loss/discriminator}, {@code score/real}, {@code score/fake},
   * {@code gradient-norm/discriminator} and {@code penalty/<type>}.
   */
  void discriminatorStep();

  /**
   * A discriminator update like {@link #discriminatorStep()} that logs nothing and whose fakes the next
   * {@link #generatorStep()} does not reuse: for look-ahead schemes that {@link #snapshot} the
   * discriminator first and restore it afterwards (unrolled GANs).
   */
  void lookAheadDiscriminatorStep();

  /**
   * One generator update: fakes (the last discriminator step's, when {@code training.reuseFakes} is on
   * and this is the first generator step since it; otherwise generated from fresh latent codes), scored
   * by the discriminator, the loss's derivative chained back through the discriminator into the
   * generator (the discriminator's parameters, optimizer state and statistics untouched), the
   * generator's regularizers, one optimizer step. Logs {@code loss/generator} and
   * {@code gradient-norm/generator}.
   */
  void generatorStep();

  /**
   * One generator update against the discriminator as it will be after {@code discriminatorUpdates} more
   * of its own optimizer steps (unrolled GANs, Metz et al. 2017): on one real batch and one latent batch,
   * D's updates are simulated on a copy, and G's gradient is the total derivative of its loss at the
   * simulated D, through the simulated updates (second-order terms included). The discriminator itself
   * is not changed. Logs {@code loss/generator} (at the simulated D), {@code gradient-norm/generator}, and
   * how many Hessian-vector products met a kink of a piecewise-linear D and were retaken with a smaller
   * step ({@code unrolled/smaller-steps}) or taken one-sided ({@code unrolled/one-sided}).
   * The engine implements it; an iteration made for a test may not.
   *
   * @throws UnsupportedOperationException where the iteration cannot unroll
   */
  default void unrolledGeneratorStep(int discriminatorUpdates) {
    throw new UnsupportedOperationException("this iteration does not unroll the discriminator");
  }

  /**
   * The discriminator's raw scores {@code [n, k]} on samples in data shape {@code [n, ...sampleShape]}
   * (transformed and packed as fakes are in a discriminator step), in training mode, leaving its
   * parameters, optimizer state and statistics as they are. A conditional discriminator reads the labels
   * of its last pass.
   */
  INDArray discriminatorScores(INDArray samples);

  /**
   * Remembers {@code role}'s network as it is now: parameters, optimizer state, update count and the
   * state of the regularizers acting on it. {@link NetworkSnapshot#restore()} puts it all back.
   */
  NetworkSnapshot snapshot(NetworkRole role);

  /** The live network; replace it with {@link #replaceNetwork}, never by assigning its configuration. */
  MultiLayerNetwork network(NetworkRole role);

  /** Optimizer steps {@code role}'s network has taken in the run so far. */
  long updates(NetworkRole role);

  /** The learning rate the config gives {@code role}'s optimizer. */
  double configuredLearningRate(NetworkRole role);

  /**
   * The learning rate {@code role}'s optimizer uses now: the last one set this run (a learning-rate
   * schedule sets it before every iteration), else the configured one. Multiply it to compose with the
   * features before yours.
   */
  double learningRate(NetworkRole role);

  /**
   * Sets the learning rate of {@code role}'s optimizer from now on. It is not checkpointed: set it from
   * the step in {@link TrainingFeature#beforeIteration} (as learning-rate schedules do), so that a
   * resumed run sets it again.
   */
  void setLearningRate(NetworkRole role, double learningRate);

  /**
   * Replaces {@code role}'s network by {@code network} (progressive growing: a network with more layers,
   * the old layers' weights copied in). Its optimizer starts afresh as a new optimizer would: from
   * {@code network}'s own updater state, its bias correction from its first step. Checkpoints store the
   * network as it is, so a resumed run continues with the replacement.
   */
  void replaceNetwork(NetworkRole role, MultiLayerNetwork network);

  /**
   * A new network as the config assembles {@code role}'s, with the weights the run started from: the
   * full architecture a growing procedure cuts its stages from, whatever has replaced the live network.
   *
   * @throws UnsupportedOperationException where the iteration has no config to assemble from
   */
  default MultiLayerNetwork initialNetwork(NetworkRole role) {
    throw new UnsupportedOperationException("this iteration cannot assemble networks");
  }

  /**
   * {@code role}'s network as the latest checkpoint of another run holds it (its raw weights, not a
   * generator average): a stage trained there, which a stacked GAN builds on. A relative path is
   * resolved against the working directory.
   *
   * @throws UnsupportedOperationException where the iteration cannot read other runs
   * @throws RuntimeException naming the problem when {@code runDirectory} holds no readable checkpoint
   */
  default MultiLayerNetwork checkpointedNetwork(Path runDirectory, NetworkRole role) {
    throw new UnsupportedOperationException("this iteration cannot read other runs");
  }

  /** Logs a scalar for this iteration ({@code metrics.jsonl}, listeners), e.g. {@code fade-in/alpha}. */
  void record(String name, double value);

  /** The run's random stream for plugins. */
  RandomSource random();
}
