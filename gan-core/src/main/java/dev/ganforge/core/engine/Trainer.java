package dev.ganforge.core.engine;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.NetworkSnapshot;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.Batch;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.engine.feature.BuiltInFeatures;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.random.SplitMixRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine: a discriminator step and a generator step on two DL4J networks, with the loss's
 * derivatives chained through them by hand (docs/dl4j-findings.md). What an iteration does is the
 * {@link TrainingSchedule}'s call; everything around the two steps is a {@link TrainingFeature}. The
 * engine names no technique: it calls their hooks.
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
public final class Trainer implements Iteration {
  private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

  private final GanConfig config;
  private final PluginContext context;
  private final Loss loss;
  private final Regularizers regularizers;
  private final TrainingSchedule schedule;
  /** The built-in features, then those given in code, then the schedule. */
  private final List<TrainingFeature> features;
  private final DataSource data;
  private final DataType dataType;
  private final SplitMixRandom latentRandom;
  private final SplitMixRandom pluginRandom;
  private final FeatureLayers featureLayers;
  private final Scratch scratch = new Scratch();
  private final Map<NetworkRole, Double> learningRates = new EnumMap<>(NetworkRole.class);
  private final Map<NetworkRole, Long> updates = new EnumMap<>(Map.of(NetworkRole.GENERATOR, 0L,
      NetworkRole.DISCRIMINATOR, 0L));
  private GanModel model;
  private DiscriminatorCritic critic;
  private long step;

  // The iteration under way: what it measured, the fakes a generator step may reuse, its real batch.
  private Map<String, Double> metrics = new LinkedHashMap<>();
  private Map<String, Double> penalties = new LinkedHashMap<>();
  private Generated reusable;
  private Batch lastReal;

  /** G's output as it left the network, in the data's shape for D, and the labels it was made for. */
  private record Generated(INDArray raw, INDArray data, INDArray labels) {}

  private Trainer(GanConfig config, PluginContext context, GanModel model, Loss loss, Regularizers regularizers,
      TrainingSchedule schedule, List<TrainingFeature> features, DataSource data, DataType dataType,
      FeatureLayers featureLayers) {
    this.config = config;
    this.context = context;
    this.loss = loss;
    this.regularizers = regularizers;
    this.schedule = schedule;
    this.features = features;
    this.data = data;
    this.dataType = dataType;
    this.latentRandom = SplitMixRandom.stream(config.seed(), "latent");
    this.pluginRandom = SplitMixRandom.stream(config.seed(), "plugins");
    this.featureLayers = featureLayers;
    this.model = model.withSamplingGenerator(samplingGenerator(features));
    this.critic = DiscriminatorCritic.of(this.model.discriminatorTwin());
  }

  /** A trainer for {@code model}, its loss, regularizers and schedule created by their plugins. */
  public static Trainer create(GanConfig config, PluginRegistry registry, GanModel model, DataSource data,
      DataType dataType) {
    return create(config, registry, model, data, dataType, List.of());
  }

  /** As {@link #create(GanConfig, PluginRegistry, GanModel, DataSource, DataType)}, with more features. */
  public static Trainer create(GanConfig config, PluginRegistry registry, GanModel model, DataSource data,
      DataType dataType, List<TrainingFeature> extraFeatures) {
    NativeThreads.use(config.training().threads());
    RunContext context = RunContext.of(config.seed(), dataType, data.info());
    Loss loss = registry.create(PluginKind.LOSS, config.loss(), context);
    List<Regularizers.Active> active = new ArrayList<>();
    for (RegularizerConfig regularizer : config.regularizers()) {
      active.add(new Regularizers.Active(registry.typeOf(PluginKind.REGULARIZER, regularizer).orElseThrow(),
          regularizer.every(), registry.create(PluginKind.REGULARIZER, regularizer, context)));
    }
    TrainingSchedule schedule = registry.create(PluginKind.SCHEDULE, config.schedule(), context);
    List<TrainingFeature> features = new ArrayList<>(BuiltInFeatures.create(config, model, data, dataType));
    features.addAll(extraFeatures);
    features.add(schedule);
    FeatureLayers featureLayers = FeatureLayers.of(loss.featureLayers(), model.discriminator(),
        loss.featureLayers().isEmpty() ? new int[0]
            : GanModel.discriminatorLayerEnds(config, registry, data.info(), dataType));
    return new Trainer(config, context, model, loss, new Regularizers(active, dataType), schedule, List.copyOf(features),
        data, dataType, featureLayers);
  }

  private static MultiLayerNetwork samplingGenerator(List<TrainingFeature> features) {
    return features.stream().map(TrainingFeature::samplingGenerator).flatMap(Optional::stream).findFirst()
        .orElse(null);
  }

  /** What plugins of this run are told when they are created (seed, data type, dataset). */
  public PluginContext pluginContext() {
    return context;
  }

  /** The networks being trained (samples come from a feature's sampling generator, if any). */
  public GanModel model() {
    return model;
  }

  /** The state a checkpoint stores besides the networks. */
  public TrainerState state() {
    return new TrainerState(step, updates.get(NetworkRole.DISCRIMINATOR), updates.get(NetworkRole.GENERATOR),
        latentRandom.state(), pluginRandom.state(), data.position());
  }

  /** Continues from a checkpoint's state; the networks must come from the same checkpoint. */
  public void restore(TrainerState state) {
    step = state.step();
    updates.put(NetworkRole.DISCRIMINATOR, state.discriminatorUpdates());
    updates.put(NetworkRole.GENERATOR, state.generatorUpdates());
    latentRandom.restore(state.latentRandom());
    pluginRandom.restore(state.pluginRandom());
    data.restore(state.data());
  }

  /** Arrays a checkpoint keeps besides the networks: features' state, then {@code regularizer-<i>-<key>}. */
  public Map<String, INDArray> arrays() {
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    features.forEach(feature -> arrays.putAll(feature.state()));
    regularizers.putArrays(arrays);
    return arrays;
  }

  /** Puts back what {@link #arrays()} returned for the checkpoint being resumed. */
  public void restoreArrays(Map<String, INDArray> arrays) {
    restoreStates(features, arrays);
    regularizers.restoreArrays(arrays);
  }

  private static void restoreStates(List<TrainingFeature> features, Map<String, INDArray> arrays) {
    for (TrainingFeature feature : features) {
      Map<String, INDArray> state = new HashMap<>();
      feature.state().keySet().stream().filter(arrays::containsKey).forEach(key -> state.put(key, arrays.get(key)));
      if (!state.isEmpty()) {
        feature.restoreState(state);
      }
    }
  }

  /**
   * {@code model}, read from a checkpoint with {@code arrays}, drawing samples as its run did (from the
   * generator average the checkpoint holds, when the config samples from one).
   */
  public static GanModel samplingModel(GanConfig config, GanModel model, DataSource data, DataType dataType,
      Map<String, INDArray> arrays) {
    List<TrainingFeature> features = BuiltInFeatures.create(config, model, data, dataType);
    restoreStates(features, arrays);
    return model.withSamplingGenerator(samplingGenerator(features));
  }

  /** Latent codes {@code [n, latentSize]} from the run's latent stream. */
  public INDArray latent(int n) {
    return latent(latentRandom, n);
  }

  /** Latent codes drawn from {@code random}, in the configured distribution. */
  public INDArray latent(SplitMixRandom random, int n) {
    return config.latent().sample(random, dataType, n);
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
    Nd4j.getRandom().setSeed(SplitMixRandom.mix(config.seed() ^ SplitMixRandom.mix(step)));
    metrics = new LinkedHashMap<>();
    penalties = new LinkedHashMap<>();
    reusable = null;
    lastReal = null;
    features.forEach(feature -> feature.beforeIteration(this));
    schedule.iterate(this);
    Map<String, Double> measured = metrics;
    measured.putAll(penalties);
    step++;
    reusable = null;
    lastReal = null;
    scratch.free();
    NativeGarbage.collectWhenDue();
    return measured;
  }

  @Override
  public long step() {
    return step;
  }

  @Override
  public long totalSteps() {
    return config.training().steps();
  }

  @Override
  public int batchSize() {
    return config.training().batchSize();
  }

  @Override
  public void discriminatorStep() {
    discriminatorStep(false);
  }

  @Override
  public void lookAheadDiscriminatorStep() {
    discriminatorStep(true);
  }

  private void discriminatorStep(boolean lookAhead) {
    int n = batchSize();
    Batch real = data.next(n);
    INDArray latent = scratch.keep(latent(n));
    Generated fakes = generate(latent, fakeLabels(n, real.labels()));
    if (lookAhead) {
      discriminatorUpdate(real, fakes, new LinkedHashMap<>(), new LinkedHashMap<>());
      Activations.release(model.generator());
      reusable = null;
    } else {
      discriminatorUpdate(real, fakes, metrics, penalties);
      lastReal = real;
      reusable = fakes;
    }
  }

  @Override
  public void generatorStep() {
    int n = batchSize();
    Generated fakes = reusable != null && config.training().reuseFakes() ? reusable
        : generate(scratch.keep(latent(n)), fakeLabels(n, Optional.empty()));
    reusable = null;
    if (lastReal == null && (loss.generatorUsesRealScores() || !featureLayers.isEmpty())) {
      lastReal = data.next(n);
    }
    generatorUpdate(fakes, lastReal);
  }

  /** The labels fakes are generated for: the first feature's that conditions the model, else null. */
  private INDArray fakeLabels(int n, Optional<INDArray> realLabels) {
    for (TrainingFeature feature : features) {
      Optional<INDArray> labels = feature.fakeLabels(n, realLabels, latentRandom);
      if (labels.isPresent()) {
        return realLabels.isPresent() ? labels.get() : scratch.keep(labels.get());
      }
    }
    return null;
  }

  /** Fakes for a training step; G keeps this pass's activations for a later backpropagation. */
  private Generated generate(INDArray latent, INDArray labels) {
    Conditioning.setLabels(model.generator(), labels);
    INDArray raw = forward(model.generator(), latent);
    return new Generated(raw, model.toDataShape(raw), labels);
  }

  /** A batch as D sees it: the regularizers' input transforms, then the features' rearrangements. */
  private INDArray discriminatorInput(INDArray batch, boolean real) {
    return rearranged(regularizers.transform(batch, real, step, pluginRandom));
  }

  private INDArray rearranged(INDArray batch) {
    INDArray result = batch;
    for (TrainingFeature feature : features) {
      result = feature.discriminatorBatch(result);
    }
    return result;
  }

  private void discriminatorUpdate(Batch realBatch, Generated fakes, Map<String, Double> measured,
      Map<String, Double> penaltiesMeasured) {
    MultiLayerNetwork discriminator = model.discriminator();
    MultiLayerNetwork twin = model.discriminatorTwin();
    INDArray real = realBatch.features();
    // Real and fake samples share their labels (see fakeLabels), so the critic takes either.
    INDArray labels = fakes.labels() == null ? null : realBatch.labels().orElseThrow();
    INDArray realInput = discriminatorInput(real, true);
    INDArray fakeInput = discriminatorInput(fakes.data(), false);
    Conditioning.setLabels(discriminator, labels);
    INDArray realScores = forward(discriminator, realInput);
    Conditioning.setLabels(twin, fakes.labels());
    INDArray fakeScores = forward(twin, fakeInput);
    LossValue value = loss.discriminatorLoss(new Scores(Optional.of(realScores), fakeScores,
        Optional.ofNullable(labels), Optional.ofNullable(fakes.labels()), Map.of(), Map.of(), step, pluginRandom));
    checkFinite("the discriminator loss", value.value());

    Gradient gradient = discriminator.backpropGradient(value.realGradient().orElseThrow(() ->
        new IllegalStateException("loss " + loss.getClass().getName()
            + " returned no real-score gradient for the discriminator")), NO_WORKSPACES).getFirst();
    twin.backpropGradient(value.fakeGradient(), NO_WORKSPACES);
    // The gradient's arrays are views of D's buffer: this sums the real and fake passes' gradients.
    discriminator.getGradientsViewArray().addi(twin.getGradientsViewArray());
    critic.setLabels(labels);
    double norm = update(NetworkRole.DISCRIMINATOR, gradient, rearranged(real), rearranged(fakes.data()),
        real.size(0), penaltiesMeasured);
    Activations.release(discriminator);
    Activations.release(twin);
    measured.put("loss/discriminator", value.value());
    measured.put("score/real", meanAdversarialScore(realScores));
    measured.put("score/fake", meanAdversarialScore(fakeScores));
    measured.put("gradient-norm/discriminator", norm);
  }

  private void generatorUpdate(Generated fake, Batch realBatch) {
    MultiLayerNetwork twin = model.discriminatorTwin();
    INDArray real = realBatch == null ? null : realBatch.features();
    INDArray realLabels = realBatch != null && fake.labels() != null ? realBatch.labels().orElseThrow() : null;
    boolean readsReal = loss.generatorUsesRealScores() || !featureLayers.isEmpty();
    // One transformed real batch for everything that reads it (instance noise draws once).
    INDArray realInput = readsReal ? discriminatorInput(real, true) : null;
    INDArray realScores = null;
    if (loss.generatorUsesRealScores()) {
      Conditioning.setLabels(model.discriminator(), realLabels);
      realScores = model.discriminator().output(realInput, true);
      Activations.release(model.discriminator());
    }
    INDArray fakeInput = discriminatorInput(fake.data(), false);
    Map<String, INDArray> realFeatures = Map.of();
    Map<String, INDArray> fakeFeatures = Map.of();
    if (!featureLayers.isEmpty()) {
      realFeatures = featureLayers.features(realInput, realLabels);
      fakeFeatures = featureLayers.featuresForBackprop(fakeInput, fake.labels());
    }
    Conditioning.setLabels(twin, fake.labels());
    INDArray fakeScores = forward(twin, fakeInput);
    LossValue value = loss.generatorLoss(new Scores(Optional.ofNullable(realScores), fakeScores,
        Optional.ofNullable(realLabels), Optional.ofNullable(fake.labels()), realFeatures, fakeFeatures, step,
        pluginRandom));
    checkFinite("the generator loss", value.value());

    // d loss / d fakes, through D's twin: D's own gradient buffer, updater and statistics stay untouched.
    INDArray fakeGradient = twin.backpropGradient(value.fakeGradient(), NO_WORKSPACES).getSecond().dup();
    Activations.release(twin);
    if (!value.fakeFeatureGradients().isEmpty()) {
      featureLayers.inputGradient(value.fakeFeatureGradients(), fakeGradient);
    }
    Gradient gradient = model.generator().backpropGradient(
        fakeGradient.reshape('c', fake.raw().shape()), NO_WORKSPACES).getFirst();
    critic.setLabels(fake.labels());
    double norm = update(NetworkRole.GENERATOR, gradient, real == null ? null : rearranged(real),
        rearranged(fake.data()), fake.data().size(0), penalties);
    Activations.release(model.generator());
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
    MultiLayerNetwork network = network(role);
    NetworkParametersView parameters = new NetworkParametersView(role, network);
    regularizers.addPenalties(parameters, step, real, fake, critic, pluginRandom, penaltiesMeasured,
        this::checkFinite);
    double norm = network.getGradientsViewArray().norm2Number().doubleValue();
    long iteration = updates.merge(role, 1L, Long::sum) - 1;
    network.getUpdater().update(network, gradient, (int) iteration, 0, (int) batchSize, NO_WORKSPACES);
    INDArray params = network.params();
    params.subi(network.getGradientsViewArray().reshape(params.shape()));
    regularizers.afterUpdate(parameters, step);
    features.forEach(feature -> feature.afterUpdate(role, this));
    return norm;
  }

  /** A training-mode forward pass; its activations are freed when the iteration ends. */
  private INDArray forward(MultiLayerNetwork network, INDArray input) {
    network.setInput(input);
    List<INDArray> activations = network.feedForward(true, false);
    scratch.keepAll(activations.subList(1, activations.size())); // [0] is the input: not ours to free
    return activations.get(activations.size() - 1);
  }

  /** Column 0 of the scores: the adversarial score (the others are an auxiliary classifier's logits). */
  private static double meanAdversarialScore(INDArray scores) {
    return (scores.size(1) == 1 ? scores : scores.getColumn(0)).meanNumber().doubleValue();
  }

  @Override
  public INDArray discriminatorScores(INDArray samples) {
    INDArray scores = model.discriminatorTwin().output(discriminatorInput(samples, false), true);
    Activations.release(model.discriminatorTwin());
    return scores;
  }

  @Override
  public NetworkSnapshot snapshot(NetworkRole role) {
    MultiLayerNetwork network = network(role);
    INDArray parameters = network.params().dup();
    INDArray updaterState = network.getUpdater().getStateViewArray();
    INDArray savedUpdater = updaterState == null ? null : updaterState.dup();
    long savedUpdates = updates.get(role);
    List<Map<String, INDArray>> regularizerState = regularizers.copyState(role);
    return new NetworkSnapshot() {
      @Override
      public NetworkRole role() {
        return role;
      }

      @Override
      public void restore() {
        MultiLayerNetwork live = network(role);
        live.params().assign(parameters);
        if (savedUpdater != null) {
          live.getUpdater().getStateViewArray().assign(savedUpdater);
        }
        updates.put(role, savedUpdates);
        regularizers.restoreState(regularizerState);
      }
    };
  }

  @Override
  public MultiLayerNetwork network(NetworkRole role) {
    return role == NetworkRole.GENERATOR ? model.generator() : model.discriminator();
  }

  @Override
  public long updates(NetworkRole role) {
    return updates.get(role);
  }

  @Override
  public double configuredLearningRate(NetworkRole role) {
    return (role == NetworkRole.GENERATOR ? config.generator() : config.discriminator()).optimizer().learningRate();
  }

  @Override
  public void setLearningRate(NetworkRole role, double learningRate) {
    Double current = learningRates.put(role, learningRate);
    if (current == null || current != learningRate) {
      network(role).setLearningRate(learningRate);
    }
  }

  /** The learning rates set so far this run, after features: {@code [discriminator, generator]}. */
  public double[] learningRates() {
    return new double[] {learningRates.getOrDefault(NetworkRole.DISCRIMINATOR, Double.NaN),
        learningRates.getOrDefault(NetworkRole.GENERATOR, Double.NaN)};
  }

  @Override
  public void replaceNetwork(NetworkRole role, MultiLayerNetwork network) {
    if (role == NetworkRole.DISCRIMINATOR && !featureLayers.isEmpty()) {
      throw new UnsupportedOperationException("the discriminator cannot be replaced while the loss reads its "
          + "intermediate features (feature matching)");
    }
    GanModel replaced = role == NetworkRole.GENERATOR ? GanModel.of(network, model.discriminator(), data.info())
        : GanModel.of(model.generator(), network, data.info());
    learningRates.remove(role);
    features.forEach(feature -> feature.networkReplaced(role, network));
    model = replaced.withSamplingGenerator(samplingGenerator(features));
    critic = DiscriminatorCritic.of(model.discriminatorTwin());
  }

  @Override
  public void record(String name, double value) {
    metrics.put(name, value);
  }

  @Override
  public RandomSource random() {
    return pluginRandom;
  }

  private void checkFinite(String what, double value) {
    if (!Double.isFinite(value)) {
      // step + 1: the iteration under way, as metrics.jsonl would have numbered it
      throw new TrainingDivergedException(step + 1, what + " is " + value);
    }
  }
}
