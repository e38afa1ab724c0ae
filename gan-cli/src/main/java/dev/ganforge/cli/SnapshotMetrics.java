package dev.ganforge.cli;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.metric.Metric;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.api.metric.MetricContext;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.random.SplitMixRandom;
import dev.ganforge.core.run.RunSnapshot;
import dev.ganforge.core.run.TrainingRun;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Metrics on a checkpoint's generator, on the samples {@code gan sample} draws: {@code n} samples from
 * the seed's {@code sample} stream, so {@code gan sample RUN --n 2500} shows the samples that
 * {@code gan compare} and {@code gan sweep} scored.
 */
final class SnapshotMetrics {
  private SnapshotMetrics() {}

  /**
   * Evaluates {@code metrics} on {@code snapshot}'s generator; on a Gaussian mixture the values also hold
   * {@code mode-count}, the number of modes.
   */
  static Map<String, Double> evaluate(GanCommand gan, RunSnapshot snapshot, List<MetricConfig> metrics) {
    return evaluate(gan, snapshot, metrics, Map.of());
  }

  /** As {@link #evaluate(GanCommand, RunSnapshot, List)}, on samples already drawn (by count). */
  static Map<String, Double> evaluate(GanCommand gan, RunSnapshot snapshot, List<MetricConfig> metrics,
      Map<Integer, INDArray> drawn) {
    PluginRegistry registry = gan.injector().getInstance(PluginRegistry.class);
    DatasetInfo data = snapshot.data().info();
    Context context = new Context(snapshot, new HashMap<>(drawn));
    Map<String, Double> values = new LinkedHashMap<>();
    for (MetricConfig config : metrics) {
      Metric metric = registry.create(PluginKind.METRIC, config, new CreationContext(snapshot.config().seed(), data));
      values.putAll(metric.evaluate(context));
    }
    data.modeCenters().ifPresent(centers -> values.put("mode-count", (double) centers.size(0)));
    return values;
  }

  /** A metric context over a checkpoint's samples, drawn once per count. */
  private record Context(RunSnapshot snapshot, Map<Integer, INDArray> drawn) implements MetricContext {
    @Override
    public long step() {
      return 0;
    }

    @Override
    public INDArray generate(int count) {
      return drawn.computeIfAbsent(count,
          n -> snapshot.sample(SplitMixRandom.stream(snapshot.config().seed(), "sample"), n));
    }

    @Override
    public INDArray generate(int count, INDArray labels) {
      throw new UnsupportedOperationException("conditional sampling is not supported yet");
    }

    @Override
    public INDArray realSamples(int count) {
      return snapshot.data().fixedSamples(count);
    }

    @Override
    public DatasetInfo dataset() {
      return snapshot.data().info();
    }

    @Override
    public RandomSource random() {
      return SplitMixRandom.stream(snapshot.config().seed(), "metric");
    }
  }

  /** What a metric's provider is told when creating it. */
  private record CreationContext(long seed, DatasetInfo data) implements PluginContext {
    @Override
    public DataType dataType() {
      return TrainingRun.DATA_TYPE;
    }

    @Override
    public Optional<NetworkRole> role() {
      return Optional.empty();
    }

    @Override
    public Optional<DatasetInfo> dataset() {
      return Optional.of(data);
    }
  }
}
