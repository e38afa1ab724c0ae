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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Progressive growing (Karras et al. 2018, "Progressive Growing of GANs for Improved Quality, Stability,
 * and Variation", and their code: {@code networks.py}, {@code train.py}). The config's networks describe
 * the model at the data's resolution; training starts with their lowest level ({@link LevelNetworks}) and
 * grows both networks a level at a time, each new level fading in while the real images cross-fade
 * between the two resolutions, on a schedule counted in real images shown ({@link LevelOfDetail}).
 *
 * <p>As in the official code: the optimizers' state is reset whenever the networks change (a fade starts
 * or ends), the real images are the data average-pooled to the level's resolution and blended with their
 * own 2x-downsampled copy during a fade ({@code process_reals}), and both networks always read and write
 * images of the data's size (upsampled by nearest neighbour, downsampled by average pooling). The level
 * is computed before every iteration; the official code recomputes it every 4 minibatches.
 *
 * <p>Logs {@code progressive/resolution}, {@code progressive/alpha} (the new level's weight) and
 * {@code progressive/images} every iteration. Checkpoints keep the images shown and the level the
 * networks were built for, so a run resumes exactly anywhere, also in the middle of a fade.
 */
public final class ProgressiveSchedule implements TrainingSchedule {
  static final String IMAGES = "progressive-images";
  static final String BUILT = "progressive-built-lod";

  private final Config config;
  private final long[] sampleShape;
  private final List<Integer> resolutions;
  private long imagesShown;
  /** The level this iteration trains at; the level the live networks were built for (null: not yet). */
  private LevelOfDetail level;
  private LevelOfDetail built;
  private LevelNetworks networks;
  private Integer configuredBatchSize;

  ProgressiveSchedule(Config config, long[] sampleShape, List<Integer> resolutions) {
    this.config = config;
    this.sampleShape = sampleShape.clone();
    this.resolutions = List.copyOf(resolutions);
  }

  private int finalResolution() {
    if (resolutions.isEmpty()) {
      throw new IllegalStateException("a progressive schedule created without the data cannot train");
    }
    return resolutions.get(resolutions.size() - 1);
  }

  /** Where the run stands after {@code images} real images. */
  LevelOfDetail levelAt(long images) {
    return LevelOfDetail.at(images, finalResolution(), resolutions.size() - 1, config.stabilizeImages(),
        config.fadeImages());
  }

  @Override
  public void beforeIteration(Iteration iteration) {
    if (configuredBatchSize == null) {
      configuredBatchSize = iteration.batchSize();
    }
    level = levelAt(imagesShown);
    if (!level.sameNetworks(built)) {
      if (networks == null) {
        networks = LevelNetworks.of(iteration.initialNetwork(NetworkRole.GENERATOR),
            iteration.initialNetwork(NetworkRole.DISCRIMINATOR), sampleShape, resolutions);
      }
      iteration.replaceNetwork(NetworkRole.GENERATOR,
          networks.generator(level, iteration.network(NetworkRole.GENERATOR)));
      iteration.replaceNetwork(NetworkRole.DISCRIMINATOR,
          networks.discriminator(level, iteration.network(NetworkRole.DISCRIMINATOR)));
      built = level;
    }
    setAlpha(iteration.network(NetworkRole.GENERATOR), level.alpha());
    setAlpha(iteration.network(NetworkRole.DISCRIMINATOR), level.alpha());
    iteration.setBatchSize(config.batchSizes().getOrDefault(level.resolution(), configuredBatchSize));
    iteration.record("progressive/resolution", level.resolution());
    iteration.record("progressive/alpha", level.alpha());
    iteration.record("progressive/images", imagesShown);
  }

  private static void setAlpha(MultiLayerNetwork network, double alpha) {
    for (Layer layer : network.getLayers()) {
      if (layer.conf().getLayer() instanceof FadeMerge) {
        layer.getParam(FadeMerge.ALPHA).assign(alpha);
      }
    }
  }

  @Override
  public void iterate(Iteration iteration) {
    for (int i = 0; i < config.discriminatorSteps(); i++) {
      iteration.discriminatorStep();
      imagesShown += iteration.batchSize();
    }
    iteration.generatorStep();
  }

  /**
   * The real images at this level (Karras et al.'s {@code process_reals}): average-pooled to its
   * resolution, during a fade blended with their own 2x-downsampled copy by {@code 1 - alpha}, then
   * upsampled to the data's size.
   */
  @Override
  public INDArray realBatch(INDArray batch) {
    if (level == null || level.resolution() == finalResolution() && !level.fading()) {
      return batch; // the last level trains on the data as it is
    }
    return blend(batch, finalResolution() / level.resolution(), level.alpha());
  }

  static INDArray blend(INDArray images, int factor, double alpha) {
    INDArray low = Resampling.average(images, factor);
    if (alpha < 1) {
      INDArray coarse = Resampling.upsample(Resampling.average(low, 2), 2);
      low.muli(alpha).addi(coarse.muli(1 - alpha));
    }
    return Resampling.upsample(low, factor);
  }

  @Override
  public Map<String, INDArray> state() {
    return Map.of(
        IMAGES, Nd4j.createFromArray((double) imagesShown),
        BUILT, Nd4j.createFromArray(built == null ? -1.0 : built.lod()));
  }

  @Override
  public void restoreState(Map<String, INDArray> state) {
    imagesShown = (long) state.get(IMAGES).getDouble(0);
    double lod = state.get(BUILT).getDouble(0);
    built = lod < 0 ? null : new LevelOfDetail(lod, finalResolution() >> (int) Math.floor(lod));
  }

  /** Config of {@code progressive}. */
  public record Config(
      @JsonPropertyDescription("Height and width of the first level, the data's resolution halved one or more "
          + "times; default: halved while it stays even and at least 4 (7 for 28x28, 4 for 32x32).")
      Integer startResolution,
      @JsonPropertyDescription("Real images each level trains at full weight before the next one fades in "
          + "(Karras et al.: 600,000).") Long stabilizeImages,
      @JsonPropertyDescription("Real images over which each new level fades in (Karras et al.: 600,000); 0 "
          + "switches levels at once.") Long fadeImages,
      @JsonPropertyDescription("Discriminator updates per generator update (Karras et al.: 1).")
      Integer discriminatorSteps,
      @JsonPropertyDescription("Batch size per level, by resolution, e.g. {7: 128, 14: 64}; levels not "
          + "listed use training.batchSize.") Map<Integer, Integer> batchSizes)
      implements ScheduleConfig {
    public Config {
      ConfigChecks.positive("startResolution", startResolution);
      ConfigChecks.nonNegative("stabilizeImages", stabilizeImages);
      ConfigChecks.nonNegative("fadeImages", fadeImages);
      ConfigChecks.positive("discriminatorSteps", discriminatorSteps);
      stabilizeImages = stabilizeImages == null ? 30_000L : stabilizeImages;
      fadeImages = fadeImages == null ? 30_000L : fadeImages;
      discriminatorSteps = discriminatorSteps == null ? 1 : discriminatorSteps;
      batchSizes = batchSizes == null ? Map.of() : Map.copyOf(batchSizes);
      batchSizes.forEach((resolution, size) -> ConfigChecks.positive("batchSizes." + resolution, size));
      if (stabilizeImages + fadeImages == 0) {
        throw new InvalidConfigException("stabilizeImages", "stabilizeImages and fadeImages are both 0; give "
            + "each level some images (Karras et al. use 600,000 each)");
      }
    }

    /** The levels' resolutions for data of {@code resolution}, the final one last. */
    List<Integer> resolutions(int resolution) {
      int start = startResolution == null ? defaultStart(resolution) : startResolution;
      List<Integer> levels = new ArrayList<>();
      for (int r = resolution; r >= start; r /= 2) {
        levels.add(0, r);
        if (r == start || r % 2 != 0) {
          break;
        }
      }
      if (levels.get(0) != start || start == resolution) {
        throw new InvalidConfigException("startResolution", "must be the data's resolution " + resolution
            + " halved one or more times, got " + start + (start == resolution ? "" : "; try "
            + defaultStart(resolution)));
      }
      for (Integer key : batchSizes.keySet()) {
        if (!levels.contains(key)) {
          throw new InvalidConfigException("batchSizes", "names resolution " + key + ", which is not a level; "
              + "the levels are " + levels);
        }
      }
      return levels;
    }

    private static int defaultStart(int resolution) {
      int start = resolution;
      while (start % 2 == 0 && start / 2 >= 4) {
        start /= 2;
      }
      return start;
    }
  }

  /** Registers {@code progressive}. */
  @AutoService(TrainingScheduleProvider.class)
  public static final class Provider implements TrainingScheduleProvider<Config> {
    @Override
    public String type() {
      return "progressive";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public TrainingSchedule create(Config config, PluginContext context) {
      DatasetInfo data = context.dataset().orElse(null);
      if (data == null) {
        // gan validate without the data: the levels are checked against the data when a run starts.
        return new ProgressiveSchedule(config, new long[0], List.of());
      }
      List<Long> shape = data.sampleShape();
      if (shape.size() != 3 || !shape.get(1).equals(shape.get(2))) {
        throw new InvalidConfigException("type", "progressive growing needs square images [channels, height, "
            + "width]; the data " + data.name() + " has samples of shape " + shape);
      }
      long[] sampleShape = {shape.get(0), shape.get(1), shape.get(2)};
      return new ProgressiveSchedule(config, sampleShape, config.resolutions(shape.get(1).intValue()));
    }

    @Override
    public String description() {
      return "Karras et al. 2018: grows G and D from a low resolution to the data's, each new level fading in "
          + "over fadeImages real images after stabilizeImages at full weight.";
    }
  }
}
