package dev.ganforge.cli;

import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.run.RunSnapshot;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** After {@code gan sample} on a Gaussian mixture: how many modes the samples cover. */
final class ModeCoverageReport {
  private ModeCoverageReport() {}

  static void print(GanCommand gan, RunSnapshot snapshot, INDArray samples, PrintWriter out) {
    PluginRegistry registry = gan.injector().getInstance(PluginRegistry.class);
    if (snapshot.data().info().modeCenters().isEmpty() || registry.find(PluginKind.METRIC, "mode-coverage").isEmpty()) {
      return;
    }
    MetricConfig config = gan.injector().getInstance(ConfigMapper.class)
        .read("{type: mode-coverage, samples: " + samples.size(0) + "}", false, "mode-coverage", MetricConfig.class);
    Map<String, Double> result = SnapshotMetrics.evaluate(gan, snapshot, List.of(config),
        Map.of((int) samples.size(0), samples));
    out.printf("mode coverage: %d of %d modes, %.1f%% high quality (within 3 sigma), reverse KL %.3f%n",
        Math.round(result.get("modes")), Math.round(result.get("mode-count")), 100 * result.get("high-quality"),
        result.get("reverse-kl"));
  }
}
