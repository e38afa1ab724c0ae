package dev.ganforge.core.engine.feature;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.engine.ModelException;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.engine.ReferenceBatch;
import dev.ganforge.core.random.SplitMixRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The features a config switches on with its keys, in the order the engine runs their hooks: learning
 * rates ({@code learningRateSchedule}), PacGAN ({@code training.pack}), conditioning (a
 * {@code label-embedding} layer), virtual batch norm's reference batches, the generator average
 * ({@code training.ema}). This is the one place that maps those keys to features.
 */
public final class BuiltInFeatures {
  private BuiltInFeatures() {}

  /** The features {@code config} asks for, over {@code model} and {@code data}. */
  public static List<TrainingFeature> create(GanConfig config, GanModel model, DataSource data, DataType dataType) {
    List<TrainingFeature> features = new ArrayList<>();
    features.add(new LearningRateSchedules(config.generator().learningRateSchedule(),
        config.discriminator().learningRateSchedule()));
    int pack = config.training().pack();
    PacGanPacking packing = new PacGanPacking(pack);
    if (pack > 1) {
      features.add(packing);
    }
    if (model.classCount() > 0) {
      features.add(new ClassConditioning(model));
    }
    Map<NetworkRole, INDArray> references = new EnumMap<>(NetworkRole.class);
    int generatorReference = ReferenceBatch.rowsOf(model.generator());
    if (generatorReference > 0) {
      references.put(NetworkRole.GENERATOR, config.latent().sample(
          SplitMixRandom.stream(config.seed(), "reference"), dataType, generatorReference));
    }
    int discriminatorReference = ReferenceBatch.rowsOf(model.discriminator());
    if (discriminatorReference > 0) {
      references.put(NetworkRole.DISCRIMINATOR,
          packing.discriminatorBatch(data.fixedSamples(discriminatorReference * pack)));
    }
    if (!references.isEmpty()) {
      if (model.classCount() > 0) {
        throw new ModelException("virtual-batch-norm cannot be used in a "
            + "conditional model yet: its reference batch carries no labels; use batch-norm there, or drop "
            + "the label-embedding");
      }
      features.add(new ReferenceBatches(references, model));
    }
    if (config.training().ema() != null) {
      features.add(new GeneratorAverage(config.training().ema(), model.generator()));
    }
    return features;
  }
}
