package dev.ganforge.core.engine;

import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.engine.feature.BuiltInFeatures;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Creates {@link Trainer}s from a config: the loss, regularizers and schedule from their plugins, the
 * features the config's keys switch on ({@link BuiltInFeatures}) and those given in code, and the
 * native thread count for the run.
 */
public final class TrainerFactory {
  private TrainerFactory() {}

  /** A trainer for {@code model} with the config's plugins and built-in features. */
  public static Trainer create(GanConfig config, PluginRegistry registry, GanModel model, DataSource data,
      DataType dataType) {
    return create(config, registry, model, data, dataType, List.of());
  }

  /** As {@link #create(GanConfig, PluginRegistry, GanModel, DataSource, DataType)}, with more features. */
  public static Trainer create(GanConfig config, PluginRegistry registry, GanModel model, DataSource data,
      DataType dataType, List<TrainingFeature> extraFeatures) {
    SharedShapeInfo.install();
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
    return new Trainer(LazyRegularization.corrected(config, registry, context), context, model, loss,
        new Regularizers(active, dataType), schedule,
        new TrainingFeatures(features), data, dataType, featureLayers,
        role -> GanModel.assembleNetwork(config, registry, data.info(), dataType, role));
  }

  /**
   * {@code model}, read from a checkpoint with {@code arrays}, drawing samples as its run did: from the
   * sampling generator its config's features and schedule keep (a generator average), when they keep one.
   */
  public static GanModel samplingModel(GanConfig config, PluginRegistry registry, GanModel model, DataSource data,
      DataType dataType, Map<String, INDArray> arrays) {
    List<TrainingFeature> configured = new ArrayList<>(BuiltInFeatures.create(config, model, data, dataType));
    configured.add(registry.create(PluginKind.SCHEDULE, config.schedule(),
        RunContext.of(config.seed(), dataType, data.info())));
    TrainingFeatures features = new TrainingFeatures(configured);
    features.restoreArrays(arrays);
    return model.withSamplingGenerator(features.samplingGenerator());
  }
}
