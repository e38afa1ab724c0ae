package dev.ganforge.core.engine;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import dev.ganforge.api.regularizer.Penalty;
import dev.ganforge.api.regularizer.RegularizationStep;
import dev.ganforge.api.regularizer.Regularizer;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.schedule.StepPlan;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.core.GanForgeException;
import dev.ganforge.core.config.EmaConfig;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.Batch;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.optimizer.LearningRateSchedule;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.random.SplitMixRandom;
import java.util.ArrayList;
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
 * Alternating GAN training on two DL4J networks, with the losses' derivatives chained through them by
 * hand (DL4J-NOTES, "Chaining G and D").
 *
 * <p>One iteration runs the schedule's discriminator steps, then its generator steps. Each D step draws
 * fresh latent codes, generates fakes once, and uses them detached (no gradient reaches G). The first G
 * step of an iteration reuses the last D step's fakes and latent codes ({@code reuseFakes}, default on),
 * re-scored by the updated D; G's gradient flows through D's twin, which shares D's parameters but not
 * its gradient buffer, so D's parameters, updater state and normalization statistics are untouched.
 *
 * <p>Options on top: learning-rate schedules per network (multiplied with the schedule's factors),
 * PacGAN packing ({@code training.pack}: D scores groups of samples concatenated along their first
 * axis), unrolling (the schedule's {@code unrollSteps}: G's gradient is taken through a discriminator
 * trained that many steps further, which is then restored), and an exponential moving average of G's
 * weights ({@code training.ema}).
 *
 * <p>Everything random is drawn from streams owned by the run (latent noise, plugin randomness, data
 * order), and ND4J's global generator (dropout masks) is reseeded from the step before each iteration,
 * so a run is a deterministic function of its seed and can resume exactly from a {@link TrainerState}.
 */
public final class Trainer {
  private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
  /** The checkpoint array holding the generator's weight average. */
  public static final String GENERATOR_EMA = "generator-ema";

  private final GanConfig config;
  private final GanModel model;
  private final Loss loss;
  private final List<ActiveRegularizer> regularizers;
  private final TrainingSchedule schedule;
  private final DataSource data;
  private final DataType dataType;
  private final SplitMixRandom latentRandom;
  private final SplitMixRandom pluginRandom;
  private final DiscriminatorCritic critic;
  private final double discriminatorLearningRate;
  private final double generatorLearningRate;
  private final LearningRateSchedule discriminatorSchedule;
  private final LearningRateSchedule generatorSchedule;
  private final int pack;
  private final EmaConfig ema;
  private final FeatureLayers features;
  private final ReferenceBatches generatorReference;
  private final ReferenceBatches discriminatorReference;
  /** Arrays this iteration created and nothing keeps afterwards; freed when it ends. */
  private final List<INDArray> scratch = new ArrayList<>();

  private long step;
  private long discriminatorUpdates;
  private long generatorUpdates;
  // NaN: the first iteration always sets the rates, also after a resume.
  private double discriminatorFactor = Double.NaN;
  private double generatorFactor = Double.NaN;

  /** A regularizer with its config's interval and type name. */
  private record ActiveRegularizer(String type, int every, Regularizer regularizer) {}

  /**
   * G's output as it left the network, reshaped to the data's sample shape for D, and the one-hot labels
   * it was generated for (null when unconditional).
   */
  private record Generated(INDArray raw, INDArray data, INDArray labels) {}

  /** What one discriminator step reads: a real batch and the fakes generated for it. */
  private record RealAndFakes(Batch real, Generated fakes) {}

  private Trainer(GanConfig config, GanModel model, Loss loss, List<ActiveRegularizer> regularizers,
      TrainingSchedule schedule, DataSource data, DataType dataType, FeatureLayers features) {
    this.config = config;
    this.model = model;
    this.loss = loss;
    this.regularizers = regularizers;
    this.schedule = schedule;
    this.data = data;
    this.dataType = dataType;
    this.latentRandom = SplitMixRandom.stream(config.seed(), "latent");
    this.pluginRandom = SplitMixRandom.stream(config.seed(), "plugins");
    this.critic = DiscriminatorCritic.of(model.discriminatorTwin());
    this.discriminatorLearningRate = config.discriminator().optimizer().learningRate();
    this.generatorLearningRate = config.generator().optimizer().learningRate();
    this.discriminatorSchedule = config.discriminator().learningRateSchedule();
    this.generatorSchedule = config.generator().learningRateSchedule();
    this.pack = config.training().pack();
    this.ema = config.training().ema();
    this.features = features;
    int generatorReferenceSize = ReferenceBatches.sizeFor(model.generator());
    int discriminatorReferenceSize = ReferenceBatches.sizeFor(model.discriminator());
    if (model.classCount() > 0 && generatorReferenceSize + discriminatorReferenceSize > 0) {
      throw new GanForgeException(GanForgeException.USAGE, "virtual-batch-norm cannot be used in a conditional "
          + "model yet: its reference batch carries no labels; use batch-norm there, or drop the label-embedding");
    }
    this.generatorReference = ReferenceBatches.of(model.generator(), generatorReferenceSize == 0 ? null
        : latent(SplitMixRandom.stream(config.seed(), "reference"), generatorReferenceSize));
    this.discriminatorReference = ReferenceBatches.of(model.discriminator(), discriminatorReferenceSize == 0 ? null
        : packed(data.fixedSamples(discriminatorReferenceSize * pack)));
  }

  /** A trainer for {@code model}, creating the loss, regularizers and schedule from their plugins. */
  public static Trainer create(GanConfig config, PluginRegistry registry, GanModel model, DataSource data,
      DataType dataType) {
    NativeThreads.use(config.training().threads());
    RunContext context = RunContext.of(config.seed(), dataType, data.info());
    Loss loss = registry.create(PluginKind.LOSS, config.loss(), context);
    List<ActiveRegularizer> regularizers = new ArrayList<>();
    for (RegularizerConfig regularizer : config.regularizers()) {
      String type = registry.typeOf(PluginKind.REGULARIZER, regularizer).orElseThrow();
      regularizers.add(new ActiveRegularizer(
          type, regularizer.every(), registry.create(PluginKind.REGULARIZER, regularizer, context)));
    }
    TrainingSchedule schedule = registry.create(PluginKind.SCHEDULE, config.schedule(), context);
    EmaConfig ema = config.training().ema();
    GanModel trained = ema == null || model.averagedGenerator().isPresent()
        ? model : model.withAveragedGenerator(null, ema.useForSamples());
    FeatureLayers features = FeatureLayers.of(loss.featureLayers(), trained.discriminator(),
        loss.featureLayers().isEmpty() ? new int[0]
            : GanModel.discriminatorLayerEnds(config, registry, data.info(), dataType));
    return new Trainer(config, trained, loss, List.copyOf(regularizers), schedule, data, dataType, features);
  }

  /** Iterations completed. */
  public long step() {
    return step;
  }

  /** The networks being trained. */
  public GanModel model() {
    return model;
  }

  /** The state a checkpoint stores besides the networks. */
  public TrainerState state() {
    return new TrainerState(step, discriminatorUpdates, generatorUpdates, latentRandom.state(),
        pluginRandom.state(), data.position());
  }

  /**
   * Arrays a checkpoint must keep besides the networks and {@link #state()}: the generator's weight
   * average ({@code generator-ema}) and each regularizer's state ({@code regularizer-<index>-<key>}).
   */
  public Map<String, INDArray> arrays() {
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    model.averagedGenerator().ifPresent(average -> arrays.put(GENERATOR_EMA, average.params()));
    for (int i = 0; i < regularizers.size(); i++) {
      for (Map.Entry<String, INDArray> entry : regularizers.get(i).regularizer().state().entrySet()) {
        arrays.put("regularizer-" + i + "-" + entry.getKey(), entry.getValue());
      }
    }
    return arrays;
  }

  /** Puts back what {@link #arrays()} returned for the checkpoint being resumed. */
  public void restoreArrays(Map<String, INDArray> arrays) {
    if (arrays.containsKey(GENERATOR_EMA)) {
      model.averagedGenerator().ifPresent(average -> average.params().assign(arrays.get(GENERATOR_EMA)));
    }
    for (int i = 0; i < regularizers.size(); i++) {
      String prefix = "regularizer-" + i + "-";
      Map<String, INDArray> state = new HashMap<>();
      arrays.forEach((key, value) -> {
        if (key.startsWith(prefix)) {
          state.put(key.substring(prefix.length()), value);
        }
      });
      if (!state.isEmpty()) {
        regularizers.get(i).regularizer().restoreState(state);
      }
    }
  }

  /** Continues from a checkpoint's state; the networks must come from the same checkpoint. */
  public void restore(TrainerState state) {
    step = state.step();
    discriminatorUpdates = state.discriminatorUpdates();
    generatorUpdates = state.generatorUpdates();
    latentRandom.restore(state.latentRandom());
    pluginRandom.restore(state.pluginRandom());
    data.restore(state.data());
  }

  /** Latent codes {@code [n, latentSize]} from the run's latent stream. */
  public INDArray latent(int n) {
    return latent(latentRandom, n);
  }

  /** Latent codes for this iteration only: freed when it ends. */
  private INDArray scratchLatent(int n) {
    INDArray latent = latent(n);
    scratch.add(latent);
    return latent;
  }

  /** Latent codes drawn from {@code random}, in the configured distribution. */
  public INDArray latent(SplitMixRandom random, int n) {
    return config.latent().sample(random, dataType, n);
  }

  /** The schedule's plan for the next iteration. */
  public StepPlan nextPlan() {
    return schedule.plan(step);
  }

  /**
   * Runs one iteration and returns what it measured, in a fixed order: {@code loss/discriminator},
   * {@code loss/generator}, {@code score/real} and {@code score/fake} (mean raw D scores of the last D
   * step), {@code gradient-norm/discriminator} and {@code gradient-norm/generator} (L2 norms of the last
   * steps' gradients, penalties included, before the optimizer), then {@code penalty/<type>} per
   * regularizer that ran.
   *
   * @throws TrainingDivergedException when a loss is NaN or infinite; nothing was updated from it
   */
  public Map<String, Double> iterate() {
    StepPlan plan = schedule.plan(step);
    applyLearningRateFactors(plan);
    Nd4j.getRandom().setSeed(SplitMixRandom.mix(config.seed() ^ SplitMixRandom.mix(step)));
    generatorReference.record();
    discriminatorReference.record();
    int batchSize = config.training().batchSize();
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, Double> penalties = new LinkedHashMap<>();

    Generated fakes = null;
    Batch lastReal = null;
    for (int i = 0; i < plan.discriminatorSteps(); i++) {
      RealAndFakes inputs = nextRealAndFakes(batchSize);
      lastReal = inputs.real();
      fakes = inputs.fakes();
      discriminatorStep(lastReal, fakes, metrics, penalties);
    }
    for (int j = 0; j < plan.generatorSteps(); j++) {
      LookAhead lookAhead = plan.unrollSteps() > 0 ? unroll(plan.unrollSteps(), batchSize) : null;
      // Unrolling ran G forward again, so the stored activations no longer belong to the D step's fakes.
      boolean reuse = j == 0 && fakes != null && config.training().reuseFakes() && lookAhead == null;
      Generated generated = reuse ? fakes
          : generateForTraining(scratchLatent(batchSize), conditional() ? randomLabels(batchSize) : null);
      if (lastReal == null && (loss.generatorUsesRealScores() || !features.isEmpty())) {
        lastReal = data.next(batchSize);
      }
      generatorStep(generated, lastReal, metrics, penalties);
      if (lookAhead != null) {
        lookAhead.restore();
      }
      updateAverage();
    }
    metrics.putAll(penalties);
    step++;
    freeScratch();
    NativeGarbage.collectWhenDue();
    return metrics;
  }

  /** D as it was before unrolling: parameters, optimizer state, update count, regularizer state. */
  private final class LookAhead {
    private final INDArray parameters;
    private final INDArray updaterState;
    private final long updates;
    private final List<Map<String, INDArray>> regularizerStates = new ArrayList<>();

    LookAhead() {
      MultiLayerNetwork discriminator = model.discriminator();
      parameters = discriminator.params().dup();
      INDArray state = discriminator.getUpdater().getStateViewArray();
      updaterState = state == null ? null : state.dup();
      updates = discriminatorUpdates;
      // Only D's regularizers: the look-ahead steps are D steps, and the G step that follows them is real.
      for (ActiveRegularizer active : regularizers) {
        Map<String, INDArray> copy = new HashMap<>();
        if (active.regularizer().network() == NetworkRole.DISCRIMINATOR) {
          active.regularizer().state().forEach((key, value) -> copy.put(key, value.dup()));
        }
        regularizerStates.add(copy);
      }
    }

    void restore() {
      MultiLayerNetwork discriminator = model.discriminator();
      discriminator.params().assign(parameters);
      if (updaterState != null) {
        discriminator.getUpdater().getStateViewArray().assign(updaterState);
      }
      discriminatorUpdates = updates;
      for (int i = 0; i < regularizers.size(); i++) {
        if (!regularizerStates.get(i).isEmpty()) {
          regularizers.get(i).regularizer().restoreState(regularizerStates.get(i));
        }
      }
    }
  }

  /**
   * Unrolled GANs (Metz et al. 2017): remembers D, then trains it {@code steps} more steps on fresh
   * batches; the caller takes G's gradient through the result and restores D.
   */
  private LookAhead unroll(int steps, int batchSize) {
    LookAhead before = new LookAhead();
    Map<String, Double> ignored = new LinkedHashMap<>();
    for (int k = 0; k < steps; k++) {
      RealAndFakes inputs = nextRealAndFakes(batchSize);
      discriminatorStep(inputs.real(), inputs.fakes(), ignored, new LinkedHashMap<>());
      Activations.release(model.generator());
    }
    return before;
  }

  /** After a G update: the weight average moves towards the new weights. */
  private void updateAverage() {
    model.averagedGenerator().ifPresent(average -> {
      double decay = ema.effectiveDecay(generatorUpdates - 1);
      INDArray move = model.generator().params().mul(1 - decay);
      scratch.add(move); // G-sized, every update: freed with the iteration, not left to the GC
      average.params().muli(decay).addi(move);
    });
  }

  /**
   * PacGAN: {@code [n, d, ...]} as {@code [n / pack, pack * d, ...]}, consecutive samples concatenated
   * along the first sample axis; a row-major reshape, so gradients map back by reshaping.
   */
  private INDArray packed(INDArray batch) {
    if (pack == 1) {
      return batch;
    }
    long[] shape = batch.shape().clone();
    shape[0] /= pack;
    shape[1] *= pack;
    return batch.reshape('c', shape);
  }

  private boolean conditional() {
    return model.classCount() > 0;
  }

  /**
   * The next real batch and fakes for a discriminator step. A conditional
   * model generates its fakes for the real batch's labels, so that real and fake samples share one set of
   * labels and a penalty on points between them (WGAN-GP) has a label to evaluate them with. An
   * unconditional model generates first, as it always has, so that its runs replay exactly.
   */
  private RealAndFakes nextRealAndFakes(int batchSize) {
    if (!conditional()) {
      Generated fakes = generateForTraining(scratchLatent(batchSize), null);
      return new RealAndFakes(data.next(batchSize), fakes);
    }
    Batch real = data.next(batchSize);
    INDArray labels = real.labels().orElseThrow(() -> new IllegalStateException(
        "the data source returned a batch without labels for a conditional model"));
    return new RealAndFakes(real, generateForTraining(scratchLatent(batchSize), labels));
  }

  /** One-hot labels of classes drawn uniformly from the latent stream, for fakes not tied to a real batch. */
  private INDArray randomLabels(int n) {
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      classes[i] = latentRandom.nextInt(model.classCount());
    }
    INDArray labels = model.oneHot(classes);
    scratch.add(labels);
    return labels;
  }

  /** Fakes for a training step; G keeps this pass's activations for a later backpropagation. */
  private Generated generateForTraining(INDArray latent, INDArray labels) {
    Conditioning.setLabels(model.generator(), labels);
    INDArray raw = forward(model.generator(), latent);
    return new Generated(raw, model.toDataShape(raw), labels);
  }

  /** Column 0 of the scores: the adversarial score (the others are an auxiliary classifier's logits). */
  private static double meanAdversarialScore(INDArray scores) {
    return (scores.size(1) == 1 ? scores : scores.getColumn(0)).meanNumber().doubleValue();
  }

  private void discriminatorStep(Batch realBatch, Generated fakes, Map<String, Double> metrics,
      Map<String, Double> penalties) {
    MultiLayerNetwork discriminator = model.discriminator();
    MultiLayerNetwork twin = model.discriminatorTwin();
    INDArray real = realBatch.features();
    INDArray fake = fakes.data();
    INDArray realLabels = conditional() ? realBatch.labels().orElseThrow() : null;
    INDArray realInput = packed(transformInput(real, true));
    INDArray fakeInput = packed(transformInput(fake, false));

    Conditioning.setLabels(discriminator, realLabels);
    INDArray realScores = forward(discriminator, realInput);
    Conditioning.setLabels(twin, fakes.labels());
    INDArray fakeScores = forward(twin, fakeInput);
    LossValue value = loss.discriminatorLoss(new Scores(Optional.of(realScores), fakeScores,
        Optional.ofNullable(realLabels), Optional.ofNullable(fakes.labels()), Map.of(), Map.of(), step,
        pluginRandom));
    checkFinite(value.value(), "the discriminator loss");

    Gradient gradient = discriminator.backpropGradient(
        value.realGradient().orElseThrow(() -> new IllegalStateException(
            "loss " + loss.getClass().getName() + " returned no real-score gradient for the discriminator")),
        NO_WORKSPACES).getFirst();
    twin.backpropGradient(value.fakeGradient(), NO_WORKSPACES);
    // The gradient's arrays are views of D's buffer: this sums the real and fake passes' gradients.
    discriminator.getGradientsViewArray().addi(twin.getGradientsViewArray());


    NetworkParametersView parameters = new NetworkParametersView(NetworkRole.DISCRIMINATOR, discriminator);
    // Real and fake samples share their labels here (see nextRealAndFakes), so the critic takes either.
    critic.setLabels(realLabels);
    addPenalties(parameters, packed(real), packed(fake), penalties);
    double gradientNorm = discriminator.getGradientsViewArray().norm2Number().doubleValue();
    applyUpdate(discriminator, gradient, discriminatorUpdates++, real.size(0));
    afterUpdate(parameters);
    Activations.release(discriminator);
    Activations.release(twin);
    metrics.put("loss/discriminator", value.value());
    metrics.put("score/real", meanAdversarialScore(realScores));
    metrics.put("score/fake", meanAdversarialScore(fakeScores));
    metrics.put("gradient-norm/discriminator", gradientNorm);
  }

  private void generatorStep(Generated fake, Batch realBatch, Map<String, Double> metrics,
      Map<String, Double> penalties) {
    MultiLayerNetwork generator = model.generator();
    MultiLayerNetwork twin = model.discriminatorTwin();
    INDArray real = realBatch == null ? null : realBatch.features();
    INDArray realLabels = realBatch != null && conditional() ? realBatch.labels().orElseThrow() : null;
    INDArray realScores = null;
    // One transformed real batch for everything that reads it (instance noise draws once).
    INDArray realInput = loss.generatorUsesRealScores() || !features.isEmpty()
        ? packed(transformInput(real, true)) : null;
    if (loss.generatorUsesRealScores()) {
      Conditioning.setLabels(model.discriminator(), realLabels);
      realScores = model.discriminator().output(realInput, true);
      Activations.release(model.discriminator());
    }
    INDArray fakeInput = packed(transformInput(fake.data(), false));
    Map<String, INDArray> realFeatures = Map.of();
    Map<String, INDArray> fakeFeatures = Map.of();
    if (!features.isEmpty()) {
      realFeatures = features.features(realInput, realLabels);
      fakeFeatures = features.featuresForBackprop(fakeInput, fake.labels());
    }
    Conditioning.setLabels(twin, fake.labels());
    INDArray fakeScores = forward(twin, fakeInput);
    LossValue value = loss.generatorLoss(new Scores(Optional.ofNullable(realScores), fakeScores,
        Optional.ofNullable(realLabels), Optional.ofNullable(fake.labels()), realFeatures, fakeFeatures, step,
        pluginRandom));
    checkFinite(value.value(), "the generator loss");

    // d loss / d fakes, through D's twin: D's own gradient buffer, updater and statistics stay untouched.
    INDArray fakeGradient = twin.backpropGradient(value.fakeGradient(), NO_WORKSPACES).getSecond().dup();
    Activations.release(twin);
    if (!value.fakeFeatureGradients().isEmpty()) {
      features.inputGradient(value.fakeFeatureGradients(), fakeGradient);
    }
    Gradient gradient = generator.backpropGradient(
        fakeGradient.reshape('c', fake.raw().shape()), NO_WORKSPACES).getFirst();
    NetworkParametersView parameters = new NetworkParametersView(NetworkRole.GENERATOR, generator);
    critic.setLabels(fake.labels());
    addPenalties(parameters, real == null ? null : packed(real), packed(fake.data()), penalties);
    double gradientNorm = generator.getGradientsViewArray().norm2Number().doubleValue();
    applyUpdate(generator, gradient, generatorUpdates++, fake.data().size(0));
    afterUpdate(parameters);
    Activations.release(generator);
    metrics.put("loss/generator", value.value());
    metrics.put("gradient-norm/generator", gradientNorm);
  }

  /**
   * Adds the penalties of the regularizers acting on {@code parameters}' network to its gradient buffer,
   * lazily: every {@code every} steps, times {@code every}.
   */
  private void addPenalties(NetworkParametersView parameters, INDArray real, INDArray fake,
      Map<String, Double> penalties) {
    for (ActiveRegularizer active : regularizers) {
      if (active.regularizer().network() != parameters.role() || step % active.every() != 0) {
        continue;
      }
      Penalty penalty = active.regularizer().penalty(new Step(real, fake, parameters));
      checkFinite(penalty.value(), "the " + active.type() + " penalty");
      penalty.parameterGradient().ifPresent(g ->
          parameters.network().getGradientsViewArray()
              .addi(g.castTo(dataType).reshape(parameters.network().getGradientsViewArray().shape()).muli(active.every())));
      if (penalty.parameterGradient().isPresent() || penalty.value() != 0) {
        penalties.put("penalty/" + active.type(), penalty.value());
      }
    }
  }

  private void afterUpdate(NetworkParametersView parameters) {
    for (ActiveRegularizer active : regularizers) {
      if (active.regularizer().network() == parameters.role()) {
        active.regularizer().afterUpdate(parameters, step);
      }
    }
  }

  /** A training-mode forward pass; its activations are freed when the iteration ends. */
  private INDArray forward(MultiLayerNetwork network, INDArray input) {
    network.setInput(input);
    List<INDArray> activations = network.feedForward(true, false);
    scratch.addAll(activations.subList(1, activations.size())); // [0] is the input: not ours to free
    return activations.get(activations.size() - 1);
  }

  /**
   * Frees this iteration's arrays now instead of when the garbage collector notices them. With
   * workspaces off, ND4J releases native memory only after the Java objects are collected, and a
   * training loop creates megabytes of native arrays per step but little heap, so collections are
   * rare (measured: the forward activations alone grew resident memory by about 0.6 GiB per 1,000
   * steps, about 12 MiB when freed like this). The launcher also caps native memory so that JavaCPP
   * forces collections before the process grows (see the CLI's NativeMemoryLimits).
   */
  private void freeScratch() {
    for (INDArray array : scratch) {
      if (array.closeable() && !array.wasClosed()) {
        array.close();
      }
    }
    scratch.clear();
  }

  /** One optimizer step: the updater turns the gradient (in the network's buffer) into the update. */
  private static void applyUpdate(MultiLayerNetwork network, Gradient gradient, long iteration, long batchSize) {
    network.getUpdater().update(network, gradient, (int) iteration, 0, (int) batchSize, NO_WORKSPACES);
    INDArray parameters = network.params();
    parameters.subi(network.getGradientsViewArray().reshape(parameters.shape()));
  }

  private INDArray transformInput(INDArray batch, boolean real) {
    INDArray result = batch;
    for (ActiveRegularizer active : regularizers) {
      result = active.regularizer().discriminatorInput(result, real, step, pluginRandom);
    }
    return result;
  }

  /** The schedule's factors times each network's learning-rate schedule, applied when they change. */
  private void applyLearningRateFactors(StepPlan plan) {
    long total = config.training().steps();
    double d = plan.discriminatorLearningRateFactor() * discriminatorSchedule.factor(step, total);
    double g = plan.generatorLearningRateFactor() * generatorSchedule.factor(step, total);
    if (d != discriminatorFactor) {
      discriminatorFactor = d;
      model.discriminator().setLearningRate(discriminatorLearningRate * discriminatorFactor);
    }
    if (g != generatorFactor) {
      generatorFactor = g;
      model.generator().setLearningRate(generatorLearningRate * generatorFactor);
    }
  }

  /** The learning rates in force, after schedules: {@code [discriminator, generator]}. */
  public double[] learningRates() {
    return new double[] {discriminatorLearningRate * discriminatorFactor, generatorLearningRate * generatorFactor};
  }

  private void checkFinite(double value, String what) {
    if (!Double.isFinite(value)) {
      // step + 1: the iteration under way, as metrics.jsonl would have numbered it
      throw new TrainingDivergedException(step + 1, what + " is " + value);
    }
  }

  /** What a penalty sees in a discriminator step. */
  private final class Step implements RegularizationStep {
    private final INDArray real;
    private final INDArray fake;
    private final NetworkParametersView parameters;

    Step(INDArray real, INDArray fake, NetworkParametersView parameters) {
      this.real = real;
      this.fake = fake;
      this.parameters = parameters;
    }

    @Override
    public long step() {
      return step;
    }

    @Override
    public INDArray realBatch() {
      return real;
    }

    @Override
    public INDArray fakeBatch() {
      return fake;
    }

    @Override
    public dev.ganforge.api.regularizer.Critic critic() {
      return critic;
    }

    @Override
    public dev.ganforge.api.NetworkParameters parameters() {
      return parameters;
    }

    @Override
    public dev.ganforge.api.RandomSource random() {
      return pluginRandom;
    }
  }
}
