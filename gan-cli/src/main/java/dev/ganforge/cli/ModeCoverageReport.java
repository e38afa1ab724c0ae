package dev.ganforge.cli;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.metric.Metric;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.api.metric.MetricContext;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.random.SplitMixRandom;
import dev.ganforge.core.run.RunSnapshot;
import dev.ganforge.core.run.TrainingRun;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** After {@code gan sample} on a Gaussian mixture: how many modes the samples cover. */
final class ModeCoverageReport {
  private ModeCoverageReport() {}

  static void print(GanCommand gan, RunSnapshot snapshot, INDArray samples, PrintWriter out) {
    evaluate(gan, snapshot, samples).ifPresent(result -> out.printf(
        "mode coverage: %d of %d modes, %.1f%% high quality (within 3 sigma), reverse KL %.3f%n",
        Math.round(result.get("modes")), Math.round(result.get("mode-count")), 100 * result.get("high-quality"),
        result.get("reverse-kl")));
  }

  /**
   * The mode-coverage metric on {@code samples} (PacGAN protocol): {@code modes}, {@code high-quality},
   * {@code reverse-kl} and {@code mode-count}; empty when the data is not a Gaussian mixture or the
   * metric plugin is absent.
   */
  static Optional<Map<String, Double>> evaluate(GanCommand gan, RunSnapshot snapshot, INDArray samples) {
    DatasetInfo data = snapshot.data().info();
    PluginRegistry registry = gan.injector().getInstance(PluginRegistry.class);
    if (data.modeCenters().isEmpty() || registry.find(PluginKind.METRIC, "mode-coverage").isEmpty()) {
      return Optional.empty();
    }
    MetricConfig config = gan.injector().getInstance(ConfigMapper.class)
        .read("{type: mode-coverage, samples: " + samples.size(0) + "}", false, "mode-coverage", MetricConfig.class);
    Metric metric = registry.create(PluginKind.METRIC, config, new CreationContext(snapshot.config().seed(), data));
    Map<String, Double> result = new LinkedHashMap<>(metric.evaluate(new SnapshotContext(snapshot, samples)));
    result.put("mode-count", (double) data.modeCenters().get().size(0));
    return Optional.of(result);
  }

  /** A metric context over samples already drawn from a checkpoint. */
  private record SnapshotContext(RunSnapshot snapshot, INDArray samples)
      implements MetricContext {
    @Override
    public long step() {
      return 0;
    }

    @Override
    public INDArray generate(int count) {
      return count == samples.size(0) ? samples : snapshot.sample(SplitMixRandom.stream(snapshot.config().seed(), "metric"), count);
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

  /** What the metric's provider is told when creating it. */
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
