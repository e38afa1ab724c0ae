package dev.ganforge.progressive;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.api.schedule.TrainingScheduleProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stacked GANs (LAPGAN, Denton et al. 2015; StackGAN, Zhang et al. 2017): a generator of stages separated
 * by {@code stage} layers, each refining the image of the one before to a higher resolution, trained
 * one stage after the other. Stage 1 is a GAN of its own at its resolution: its generator is the layers
 * before the first stage layer, the discriminator the config's, and both read images of the data's size
 * (the generator's image and the real images average-pooled to the stage's resolution, then upsampled by
 * nearest neighbour, as progressive growing does). Each later stage trains as LAPGAN's: its generator
 * reads the real images average-pooled to the previous stage's resolution (with its own noise) in place
 * of the earlier stages' output, whose layers stay frozen, and a fresh discriminator (the config's, from
 * its initial weights) judges what it makes against the real images. Without a condition the whole
 * stack runs from one latent code: samples, metrics, {@code gan sample} and {@code gan eval} see the
 * stacked generator's output.
 *
 * <p>A later stage's discriminator judges the refined image alone or, with {@code conditionDiscriminator}
 * (LAPGAN's), beside the low-resolution image it was refined from ({@link StageCondition}). Logs
 * {@code stacked/stage} (1-based) and {@code stacked/resolution}; checkpoints keep the stage the networks
 * were built for, so a run resumes exactly in any stage.
 */
public final class StackedSchedule implements TrainingSchedule {
  static final String BUILT = "stacked-built-stage";

  private final Config config;
  private final long[] sampleShape;
  private StageNetworks stages;
  /** The stage this iteration trains; the stage the live networks were built for (-1: not yet). */
  private int stage;
  private int built = -1;
  private MultiLayerNetwork generator;
  private MultiLayerNetwork discriminator;

  StackedSchedule(Config config, long[] sampleShape) {
    this.config = config;
    this.sampleShape = sampleShape.clone();
  }

  /** The stage (0-based) that trains at iteration {@code step}. */
  int stageAt(long step) {
    if (config.from() != null) {
      return stages.stageCount() - 1;
    }
    long end = 0;
    for (int s = 0; s < config.stageSteps().size(); s++) {
      end += config.stageSteps().get(s);
      if (step < end) {
        return s;
      }
    }
    return config.stageSteps().size();
  }

  @Override
  public void beforeIteration(Iteration iteration) {
    if (sampleShape.length == 0) {
      throw new IllegalStateException("a stacked schedule created without the data cannot train");
    }
    if (stages == null) {
      stages = StageNetworks.of(iteration.initialNetwork(NetworkRole.GENERATOR), sampleShape);
      checkStages(iteration.totalSteps());
    }
    stage = stageAt(iteration.step());
    if (stage != built) {
      MultiLayerNetwork trained = built < 0 && config.from() != null ? earlierStages(iteration)
          : iteration.network(NetworkRole.GENERATOR);
      iteration.replaceNetwork(NetworkRole.GENERATOR, stages.generator(stage, trained));
      MultiLayerNetwork fresh = iteration.initialNetwork(NetworkRole.DISCRIMINATOR);
      iteration.replaceNetwork(NetworkRole.DISCRIMINATOR,
          conditioned() ? stages.conditionedDiscriminator(stage, fresh) : fresh);
      built = stage;
    }
    generator = iteration.network(NetworkRole.GENERATOR);
    discriminator = iteration.network(NetworkRole.DISCRIMINATOR);
    iteration.record("stacked/stage", stage + 1);
    iteration.record("stacked/resolution", stages.resolution(stage));
  }

  /** Whether this iteration's discriminator judges images beside the low-resolution images refined. */
  private boolean conditioned() {
    return stage > 0 && config.conditionDiscriminator();
  }

  /** The generator of the run named by {@code from}, which must hold every earlier stage's layers. */
  private MultiLayerNetwork earlierStages(Iteration iteration) {
    MultiLayerNetwork other;
    try {
      other = iteration.checkpointedNetwork(Path.of(config.from()), NetworkRole.GENERATOR);
    } catch (RuntimeException e) {
      throw new InvalidConfigException("from", "cannot take the earlier stages from run " + config.from() + ": "
          + e.getMessage());
    }
    List<String> missing = stages.missingEarlierStages(other);
    if (!missing.isEmpty()) {
      throw new InvalidConfigException("from", "run " + config.from() + "'s generator has no layers " + missing
          + " with the parameters this config's earlier stages have; its first layers must be the same as the "
          + "layers before this generator's last stage layer");
    }
    return other;
  }

  private void checkStages(long totalSteps) {
    int stageCount = stages.stageCount();
    if (config.from() != null) {
      return;
    }
    if (config.stageSteps().size() != stageCount - 1) {
      throw new InvalidConfigException("stageSteps", "lists " + config.stageSteps().size() + " stage lengths, but the "
          + "generator has " + stageCount + " stages; give one length for each stage but the last, which trains "
          + "until training.steps");
    }
    long before = config.stageSteps().stream().mapToLong(Long::longValue).sum();
    if (before >= totalSteps) {
      throw new InvalidConfigException("stageSteps", "the stages before the last take " + before + " steps of "
          + "training.steps " + totalSteps + ", which leaves the last stage none; raise training.steps or shorten "
          + "them");
    }
  }

  @Override
  public void iterate(Iteration iteration) {
    for (int i = 0; i < config.discriminatorSteps(); i++) {
      iteration.discriminatorStep();
    }
    iteration.generatorStep();
  }

  /**
   * The real images of this stage: below the data's resolution average-pooled to it and upsampled back;
   * at a later stage, the same batch average-pooled to the previous stage's resolution becomes the
   * generator's input, row by row, for the fakes judged with it and the generator step after it, and
   * with {@code conditionDiscriminator}, upsampled, what the discriminator sees beside the real images
   * and those fakes.
   */
  @Override
  public INDArray realBatch(INDArray batch) {
    if (generator == null) {
      return batch;
    }
    int finalResolution = stages.finalResolution();
    if (stage > 0) {
      int previous = finalResolution / stages.resolution(stage - 1);
      INDArray lowResolution = Resampling.average(batch, previous);
      StageInput.condition(generator, stages.stageLayer(stage), lowResolution);
      if (conditioned()) {
        StageCondition.condition(discriminator, Resampling.upsample(lowResolution, previous));
      }
    }
    int factor = finalResolution / stages.resolution(stage);
    return factor == 1 ? batch : Resampling.upsample(Resampling.average(batch, factor), factor);
  }

  /** After the generator's update the conditions are dropped: what samples next runs the whole stack. */
  @Override
  public void afterUpdate(NetworkRole role, Iteration iteration) {
    if (role == NetworkRole.GENERATOR && stage > 0) {
      StageInput.condition(generator, stages.stageLayer(stage), null);
      if (conditioned()) {
        StageCondition.condition(discriminator, null);
      }
    }
  }

  @Override
  public Map<String, INDArray> state() {
    return Map.of(BUILT, Nd4j.createFromArray((double) built));
  }

  @Override
  public void restoreState(Map<String, INDArray> state) {
    built = (int) state.get(BUILT).getDouble(0);
  }

  /** Config of {@code stacked}. */
  public record Config(
      @JsonPropertyDescription("Iterations of each stage but the last, in order; the last trains until "
          + "training.steps. One entry per stage layer of the generator; required unless from names a run.")
      List<Long> stageSteps,
      @JsonPropertyDescription("A run directory whose generator has trained the stages before the last (a "
          + "stacked run past its last stage switch, or any run whose generator has the same first layers): "
          + "their weights are taken from its latest checkpoint, frozen, and this run trains the last stage only.")
      String from,
      @JsonPropertyDescription("Discriminator updates per generator update.") Integer discriminatorSteps,
      @JsonPropertyDescription("Whether a later stage's discriminator judges each image beside the low-resolution "
          + "image it refines (upsampled, as extra channels; LAPGAN's conditional discriminator) rather than alone. "
          + "Its first layer then reads twice the data's channels.") Boolean conditionDiscriminator)
      implements ScheduleConfig {
    public Config {
      if (stageSteps != null) {
        if (stageSteps.isEmpty()) {
          throw new InvalidConfigException("stageSteps", "is empty; give the iterations of each stage but the last, "
              + "e.g. [1000] for two stages");
        }
        for (int i = 0; i < stageSteps.size(); i++) {
          ConfigChecks.positive("stageSteps[" + i + "]", stageSteps.get(i));
        }
        stageSteps = List.copyOf(stageSteps);
      }
      ConfigChecks.positive("discriminatorSteps", discriminatorSteps);
      discriminatorSteps = discriminatorSteps == null ? 1 : discriminatorSteps;
      conditionDiscriminator = conditionDiscriminator != null && conditionDiscriminator;
    }

    /** Refuses a config that gives both or neither of stageSteps and from. */
    void checkStages() {
      if (stageSteps == null && from == null) {
        throw new InvalidConfigException("stageSteps", "is required: the iterations of each stage but the last, "
            + "e.g. [1000] for two stages; or name a run that trained them with from");
      }
      if (stageSteps != null && from != null) {
        throw new InvalidConfigException("from", "takes the stages before the last from run " + from + ", so this "
            + "run trains the last stage only and stageSteps " + stageSteps + " has nothing to count; drop one");
      }
    }
  }

  /** Registers {@code stacked}. */
  @AutoService(TrainingScheduleProvider.class)
  public static final class Provider implements TrainingScheduleProvider<Config> {
    @Override
    public String type() {
      return "stacked";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public TrainingSchedule create(Config config, PluginContext context) {
      config.checkStages();
      DatasetInfo data = context.dataset().orElse(null);
      if (data == null) {
        // gan validate without the data: the stages are checked against the data when a run starts.
        return new StackedSchedule(config, new long[0]);
      }
      List<Long> shape = data.sampleShape();
      if (shape.size() != 3 || !shape.get(1).equals(shape.get(2))) {
        throw new InvalidConfigException("type", "stacked GANs need square images [channels, height, width]; the "
            + "data " + data.name() + " has samples of shape " + shape);
      }
      return new StackedSchedule(config, new long[] {shape.get(0), shape.get(1), shape.get(2)});
    }

    @Override
    public String description() {
      return "Stacked GANs (LAPGAN, StackGAN): trains a generator's stages (separated by stage layers) one after "
          + "the other, each later stage refining real images downscaled to the previous stage's resolution.";
    }
  }
}
