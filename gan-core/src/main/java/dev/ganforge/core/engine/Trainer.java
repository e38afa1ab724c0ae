package dev.ganforge.core.engine;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.Batch;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.random.SplitMixRandom;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine: a discriminator step and a generator step on two DL4J networks, with the loss's
 * derivatives chained through them by hand (docs/dl4j-findings.md). What an iteration does is the
 * {@link TrainingSchedule}'s call; everything around the two steps is a {@link TrainingFeature}. The
 * engine names no technique: it calls their hooks. {@link TrainerFactory} creates trainers from configs.
 *
 * <p>A discriminator step draws a real batch and fresh latent codes and uses its fakes detached. A
 * generator step reuses the last discriminator step's fakes when {@code training.reuseFakes} is on,
 * re-scored by the updated discriminator; its gradient flows through the discriminator's twin, which
 * shares the discriminator's parameters but not its gradient buffer, so the discriminator's
 * parameters, optimizer state and normalization statistics are untouched.
 *
 * <p>Everything random comes from streams the run owns (latent noise, plugin randomness, data order),
 * and ND4J's global generator (dropout masks) is reseeded from the step before each iteration, so a run
 * is a deterministic function of its seed and resumes exactly from a {@link TrainerState}.
 */
public final class Trainer {
  private static final NetworkPass PASS = NetworkPass.ITERATION;

  private final GanConfig config;
  private final PluginContext context;
  private final Loss loss;
  private final Regularizers regularizers;
  private final TrainingSchedule schedule;
  /** The built-in features, then those given in code, then the schedule. */
  private final TrainingFeatures features;
  private final DataSource data;
  private final SplitMixRandom latentRandom;
  private final SplitMixRandom pluginRandom;
  private final FeatureLayers featureLayers;
  private final TrainedNetworks networks;
  private final EngineIteration iteration;
  private final Scratch scratch = new Scratch();
  private final FakeSource fakes;
  /** Assembles the config's networks afresh, for {@link EngineIteration#initialNetwork}. */
  private final Function<NetworkRole, MultiLayerNetwork> initialNetworks;
  private BiFunction<Path, NetworkRole, MultiLayerNetwork> otherRuns;
  private long step;
  private int batchSize;

  // The iteration under way: what it measured, the fakes a generator step may reuse, its real batch.
  private Map<String, Double> metrics = new LinkedHashMap<>();
  private Map<String, Double> penalties = new LinkedHashMap<>();
  private FakeSource.Generated reusable;
  private Batch lastReal;

  Trainer(GanConfig config, PluginContext context, GanModel model, Loss loss, Regularizers regularizers,
      TrainingSchedule schedule, TrainingFeatures features, DataSource data, DataType dataType,
      FeatureLayers featureLayers, Function<NetworkRole, MultiLayerNetwork> initialNetworks) {
    this.config = config;
    this.context = context;
    this.loss = loss;
    this.regularizers = regularizers;
    this.schedule = schedule;
    this.features = features;
    this.data = data;
    this.latentRandom = SplitMixRandom.stream(config.seed(), "latent");
    this.pluginRandom = SplitMixRandom.stream(config.seed(), "plugins");
    this.featureLayers = featureLayers;
    this.networks = new TrainedNetworks(model, data.info(), features, regularizers, featureLayers.isEmpty());
    this.iteration = new EngineIteration(this, networks, config, pluginRandom);
    this.fakes = new FakeSource(config.latent(), dataType, latentRandom, features, scratch, networks::model);
    this.initialNetworks = initialNetworks;
    this.batchSize = config.training().batchSize();
  }

  /** What plugins of this run are told when they are created (seed, data type, dataset). */
  public PluginContext pluginContext() {
    return context;
  }

  /** The networks being trained (samples come from a feature's sampling generator, if any). */
  public GanModel model() {
    return networks.model();
  }

  /** Iterations completed. */
  public long step() {
    return step;
  }

  /** The state a checkpoint stores besides the networks. */
  public TrainerState state() {
    return new TrainerState(step, networks.updates(NetworkRole.DISCRIMINATOR),
        networks.updates(NetworkRole.GENERATOR), latentRandom.state(), pluginRandom.state(), data.position(),
        networks.optimizerSteps(NetworkRole.DISCRIMINATOR), networks.optimizerSteps(NetworkRole.GENERATOR));
  }

  /** Continues from a checkpoint's state; the networks must come from the same checkpoint. */
  public void restore(TrainerState state) {
    step = state.step();
    networks.restoreUpdates(state.discriminatorUpdates(), state.generatorUpdates(),
        state.discriminatorOptimizerSteps(), state.generatorOptimizerSteps());
    latentRandom.restore(state.latentRandom());
    pluginRandom.restore(state.pluginRandom());
    data.restore(state.data());
  }

  /** Arrays a checkpoint keeps besides the networks: features' state, then {@code regularizer-<i>-<key>}. */
  public Map<String, INDArray> arrays() {
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    features.putArrays(arrays);
    regularizers.putArrays(arrays);
    return arrays;
  }

  /** Puts back what {@link #arrays()} returned for the checkpoint being resumed. */
  public void restoreArrays(Map<String, INDArray> arrays) {
    features.restoreArrays(arrays);
    regularizers.restoreArrays(arrays);
  }

  /** Latent codes {@code [n, latentSize]} from the run's latent stream. */
  public INDArray latent(int n) {
    return fakes.latent(n);
  }

  /**
   * Runs one iteration (the features' {@code beforeIteration}, then the schedule) and returns what it
   * measured: {@code loss/discriminator}, {@code score/real}, {@code score/fake} and
   * {@code gradient-norm/discriminator} of the last D step, {@code loss/generator} and
   * {@code gradient-norm/generator} of the last G step, what features recorded, then
   * {@code penalty/<type>} per regularizer that ran.
   *
   * @throws TrainingDivergedException when a loss is NaN or infinite; nothing was updated from it
   */
  public Map<String, Double> iterate() {
    long passSeed = SplitMixRandom.mix(config.seed() ^ SplitMixRandom.mix(step));
    Nd4j.getRandom().setSeed(passSeed);
    metrics = new LinkedHashMap<>();
    penalties = new LinkedHashMap<>();
    reusable = null; // after a diverged iteration, nothing of it is reused
    lastReal = null;
    // The iteration's network passes keep their arrays in one workspace cycle (NetworkPass).
    try (NetworkPass.Cycle cycle = NetworkPass.ITERATION.open()) {
      features.beforeIteration(iteration);
      // A feature may have built networks here (a growing or stacked procedure, also on the first step
      // after a resume), and DL4J's init reseeds ND4J's generator with the network's seed: the passes
      // (dropout masks, noise layers) start from the iteration's seed whatever the features did.
      Nd4j.getRandom().setSeed(passSeed);
      schedule.iterate(iteration);
    } catch (InvalidConfigException e) {
      // A procedure that finds at run time that the config's networks do not suit it (progressive growing).
      throw new ModelException(e.field() + ": " + e.getMessage(), e);
    } finally {
      // The fakes and the layers' last inputs were the closed cycle's.
      reusable = null;
      GanModel current = model();
      Activations.release(current.generator());
      Activations.release(current.discriminator());
      Activations.release(current.discriminatorTwin());
    }
    Map<String, Double> measured = metrics;
    measured.putAll(penalties);
    step++;
    scratch.free();
    return measured;
  }

  void record(String name, double value) {
    metrics.put(name, value);
  }

  /** Samples per batch from now on ({@link EngineIteration#setBatchSize}). */
  int batchSize() {
    return batchSize;
  }

  void setBatchSize(int batchSize) {
    int pack = config.training().pack();
    if (batchSize < 1 || batchSize % pack != 0) {
      throw new IllegalArgumentException("a batch size must be positive and, with training.pack " + pack
          + ", a multiple of it; got " + batchSize);
    }
    this.batchSize = batchSize;
  }

  MultiLayerNetwork initialNetwork(NetworkRole role) {
    return initialNetworks.apply(role);
  }

  /**
   * Lets procedures read networks from other runs' checkpoints ({@link EngineIteration#checkpointedNetwork}):
   * the run that owns this trainer knows where checkpoints live and how to read them.
   */
  public void readOtherRunsWith(BiFunction<Path, NetworkRole, MultiLayerNetwork> reader) {
    this.otherRuns = reader;
  }

  MultiLayerNetwork checkpointedNetwork(Path runDirectory, NetworkRole role) {
    if (otherRuns == null) {
      throw new UnsupportedOperationException("this trainer reads no other runs: train through a run (gan train, "
          + "Gan.train) to build on one");
    }
    return otherRuns.apply(runDirectory, role);
  }

  /** The data's next real batch as the features transform it ({@link TrainingFeatures#realBatch}). */
  private Batch nextReal(int n) {
    Batch batch = data.next(n);
    return new Batch(features.realBatch(batch.features()), batch.labels());
  }

  /** A D update on fresh batches; a look-ahead one logs nothing and leaves no fakes to reuse. */
  void discriminatorStep(boolean lookAhead) {
    int n = batchSize;
    Batch real = nextReal(n);
    FakeSource.Generated generated = fakes.generate(n, real.labels());
    if (lookAhead) {
      discriminatorUpdate(real, generated, new LinkedHashMap<>(), new LinkedHashMap<>());
      Activations.release(model().generator());
      reusable = null;
    } else {
      discriminatorUpdate(real, generated, metrics, penalties);
      lastReal = real;
      reusable = generated;
    }
  }

  void generatorStep() {
    int n = batchSize;
    FakeSource.Generated generated = reusable != null && config.training().reuseFakes() ? reusable
        : fakes.generate(n, Optional.empty());
    reusable = null;
    if (lastReal == null && (loss.generatorUsesRealScores() || !featureLayers.isEmpty())) {
      lastReal = nextReal(n);
    }
    generatorUpdate(generated, lastReal);
  }

  /** A generator update through {@code steps} simulated discriminator updates ({@link UnrolledGeneratorGradient}). */
  void unrolledGeneratorStep(int steps) {
    if (model().classCount() > 0 || config.training().pack() > 1 || !featureLayers.isEmpty()) {
      throw new ModelException("unrolled: the exact unrolled gradient does not handle conditional models, "
          + "packing or feature-matching losses yet; use {type: unrolled, firstOrder: true}");
    }
    int n = batchSize;
    INDArray real = nextReal(n).features();
    INDArray latent = fakes.latent(n);
    UnrolledGeneratorGradient.Result result = UnrolledGeneratorGradient.compute(model(), loss, real, latent, steps,
        networks.optimizerSteps(NetworkRole.DISCRIMINATOR), step, SplitMixRandom.mix(config.seed() ^ step));
    checkFinite("the generator loss", result.generatorLoss());
    MultiLayerNetwork generator = model().generator();
    // A backward pass gives the gradient's per-layer views; the computed total derivative replaces it.
    INDArray generated = PASS.forward(generator, latent);
    Gradient gradient = PASS.backward(generator, Nd4j.zerosLike(generated)).getFirst();
    generator.getGradientsViewArray().assign(result.gradient().reshape(generator.getGradientsViewArray().shape()));
    double norm = update(NetworkRole.GENERATOR, gradient, real, generated, n, penalties);
    Activations.release(generator);
    metrics.put("loss/generator", result.generatorLoss());
    metrics.put("unrolled/smaller-steps", (double) result.smallerSteps());
    metrics.put("unrolled/one-sided", (double) result.oneSided());
    metrics.put("gradient-norm/generator", norm);
  }

  /** A batch as D sees it: the regularizers' input transforms, then the features' rearrangements. */
  INDArray discriminatorInput(INDArray batch, boolean real) {
    return rearranged(regularizers.transform(batch, real, step, pluginRandom));
  }

  private INDArray rearranged(INDArray batch) {
    return features.discriminatorBatch(batch);
  }

  private void discriminatorUpdate(Batch realBatch, FakeSource.Generated fakes, Map<String, Double> measured,
      Map<String, Double> penaltiesMeasured) {
    MultiLayerNetwork discriminator = model().discriminator();
    MultiLayerNetwork twin = model().discriminatorTwin();
    INDArray real = realBatch.features();
    // Real and fake samples share their labels (see FakeSource), so the critic takes either.
    INDArray labels = fakes.labels() == null ? null : realBatch.labels().orElseThrow(() ->
        new IllegalStateException("the data source returned a batch without labels for a conditional model"));
    INDArray realInput = discriminatorInput(real, true);
    INDArray fakeInput = discriminatorInput(fakes.data(), false);
    Conditioning.setLabels(discriminator, labels);
    INDArray realScores = PASS.forward(discriminator, realInput);
    Conditioning.setLabels(twin, fakes.labels());
    INDArray fakeScores = PASS.forward(twin, fakeInput);
    LossValue value = loss.discriminatorLoss(new Scores(Optional.of(realScores), fakeScores,
        Optional.ofNullable(labels), Optional.ofNullable(fakes.labels()), Map.of(), Map.of(), step, pluginRandom));
    checkFinite("the discriminator loss", value.value());

    Gradient gradient = PASS.backward(discriminator, value.realGradient().orElseThrow(() ->
        new IllegalStateException("loss " + loss.getClass().getName()
            + " returned no real-score gradient for the discriminator"))).getFirst();
    PASS.backward(twin, value.fakeGradient());
    // The gradient's arrays are views of D's buffer: this sums the real and fake passes' gradients.
    discriminator.getGradientsViewArray().addi(twin.getGradientsViewArray());
    networks.critic().setLabels(labels);
    double norm = update(NetworkRole.DISCRIMINATOR, gradient, rearranged(real), rearranged(fakes.data()),
        real.size(0), penaltiesMeasured);
    Activations.release(discriminator);
    Activations.release(twin);
    measured.put("loss/discriminator", value.value());
    measured.put("score/real", meanAdversarialScore(realScores));
    measured.put("score/fake", meanAdversarialScore(fakeScores));
    measured.put("gradient-norm/discriminator", norm);
  }

  private void generatorUpdate(FakeSource.Generated fake, Batch realBatch) {
    MultiLayerNetwork twin = model().discriminatorTwin();
    INDArray real = realBatch == null ? null : realBatch.features();
    INDArray realLabels = realBatch != null && fake.labels() != null ? realBatch.labels().orElseThrow() : null;
    boolean readsReal = loss.generatorUsesRealScores() || !featureLayers.isEmpty();
    // One transformed real batch for everything that reads it (a random input transform draws once).
    INDArray realInput = readsReal ? discriminatorInput(real, true) : null;
    INDArray realScores = null;
    if (loss.generatorUsesRealScores()) {
      Conditioning.setLabels(model().discriminator(), realLabels);
      realScores = model().discriminator().output(realInput, true);
      Activations.release(model().discriminator());
    }
    INDArray fakeInput = discriminatorInput(fake.data(), false);
    Map<String, INDArray> realFeatures = Map.of();
    Map<String, INDArray> fakeFeatures = Map.of();
    if (!featureLayers.isEmpty()) {
      realFeatures = featureLayers.features(realInput, realLabels);
      fakeFeatures = featureLayers.featuresForBackprop(fakeInput, fake.labels());
    }
    Conditioning.setLabels(twin, fake.labels());
    INDArray fakeScores = PASS.forward(twin, fakeInput);
    LossValue value = loss.generatorLoss(new Scores(Optional.ofNullable(realScores), fakeScores,
        Optional.ofNullable(realLabels), Optional.ofNullable(fake.labels()), realFeatures, fakeFeatures, step,
        pluginRandom));
    checkFinite("the generator loss", value.value());

    // d loss / d fakes, through D's twin: D's own gradient buffer, updater and statistics stay untouched.
    INDArray fakeGradient = PASS.backward(twin, value.fakeGradient()).getSecond();
    Activations.release(twin);
    if (!value.fakeFeatureGradients().isEmpty()) {
      featureLayers.inputGradient(value.fakeFeatureGradients(), fakeGradient);
    }
    Gradient gradient = PASS.backward(model().generator(), fakeGradient.reshape('c', fake.raw().shape())).getFirst();
    networks.critic().setLabels(fake.labels());
    double norm = update(NetworkRole.GENERATOR, gradient, real == null ? null : rearranged(real),
        rearranged(fake.data()), fake.data().size(0), penalties);
    Activations.release(model().generator());
    metrics.put("loss/generator", value.value());
    metrics.put("gradient-norm/generator", norm);
  }

  /**
   * Adds the due penalties to the gradient in {@code role}'s buffer, takes one optimizer step (the
   * updater turns the gradient into the update), then runs the constraints and features' hooks.
   * Returns the gradient's L2 norm before the optimizer.
   */
  private double update(NetworkRole role, Gradient gradient, INDArray real, INDArray fake, long batchSize,
      Map<String, Double> penaltiesMeasured) {
    NetworkParametersView parameters = networks.parameters(role);
    MultiLayerNetwork network = parameters.network();
    regularizers.addPenalties(parameters, step, real, fake, networks.critic(), pluginRandom, penaltiesMeasured,
        this::checkFinite);
    double norm = network.getGradientsViewArray().norm2Number().doubleValue();
    networks.applyUpdate(role, gradient, batchSize);
    regularizers.afterUpdate(parameters, step);
    features.afterUpdate(role, iteration);
    return norm;
  }

  /** Column 0 of the scores: the adversarial score (the others are an auxiliary classifier's logits). */
  private static double meanAdversarialScore(INDArray scores) {
    return (scores.size(1) == 1 ? scores : scores.getColumn(0)).meanNumber().doubleValue();
  }

  private void checkFinite(String what, double value) {
    if (!Double.isFinite(value)) {
      // step + 1: the iteration under way, as metrics.jsonl would have numbered it
      throw new TrainingDivergedException(step + 1, what + " is " + value);
    }
  }
}
