package dev.ganforge.metrics;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.metric.Metric;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.api.metric.MetricContext;
import dev.ganforge.api.metric.MetricProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mode coverage on Gaussian mixtures with known centres (the ring and grid benchmarks of Metz et al.
 * 2017, Srivastava et al. 2017 (VEEGAN) and Lin et al. 2018 (PacGAN)).
 *
 * <p>Each generated sample is assigned to its nearest mode; it is <em>high quality</em> when it lies
 * within {@code qualityStddevs} standard deviations of that mode. A mode is <em>captured</em> when at
 * least {@code minSamplesPerMode} high-quality samples are assigned to it. Reported: {@code modes}
 * (captured), {@code high-quality} (fraction of samples) and {@code reverse-kl}, KL(p || uniform) with p
 * the histogram of high-quality samples over modes (0 when every mode gets the same share).
 */
public final class ModeCoverage implements Metric {
  private final Config config;

  public ModeCoverage(Config config) {
    this.config = config;
  }

  @Override
  public Map<String, Double> evaluate(MetricContext context) {
    DatasetInfo data = context.dataset();
    INDArray modes = data.modeCenters().orElseThrow(() -> new IllegalStateException(
        "mode-coverage needs data with known modes (gaussian-ring, gaussian-grid); " + data.name() + " has none"));
    return measure(context.generate(config.samples()), modes, data.modeStddev());
  }

  /** The measurements for explicit samples {@code [n, d]} and mode centres {@code [modes, d]}. */
  public Map<String, Double> measure(INDArray samples, INDArray modes, double stddev) {
    double[][] points = samples.castTo(DataType.DOUBLE).reshape(samples.size(0), -1).toDoubleMatrix();
    double[][] centres = modes.castTo(DataType.DOUBLE).toDoubleMatrix();
    double radius = config.qualityStddevs() * stddev;
    int[] counts = new int[centres.length];
    int highQuality = 0;
    for (double[] point : points) {
      int nearest = 0;
      double best = Double.POSITIVE_INFINITY;
      for (int m = 0; m < centres.length; m++) {
        double distance = 0;
        for (int j = 0; j < point.length; j++) {
          double delta = point[j] - centres[m][j];
          distance += delta * delta;
        }
        if (distance < best) {
          best = distance;
          nearest = m;
        }
      }
      if (Math.sqrt(best) <= radius) {
        counts[nearest]++;
        highQuality++;
      }
    }
    int captured = 0;
    double reverseKl = 0;
    for (int count : counts) {
      if (count >= config.minSamplesPerMode()) {
        captured++;
      }
      if (count > 0) {
        double p = (double) count / highQuality;
        reverseKl += p * Math.log(p * centres.length);
      }
    }
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("modes", (double) captured);
    result.put("high-quality", points.length == 0 ? 0.0 : (double) highQuality / points.length);
    result.put("reverse-kl", highQuality == 0 ? Double.POSITIVE_INFINITY : reverseKl);
    return result;
  }

  /** Config of {@code mode-coverage}. */
  public record Config(
      @JsonPropertyDescription("Generated samples per evaluation (2,500 in PacGAN).") Integer samples,
      @JsonPropertyDescription("A sample is high quality within this many standard deviations of its mode.")
          Double qualityStddevs,
      @JsonPropertyDescription("High-quality samples a mode needs to count as captured; 1 is the lenient count.")
          Integer minSamplesPerMode,
      @JsonPropertyDescription("Evaluate every this many steps during training; 0 only on demand.") Integer every)
      implements MetricConfig {
    public Config {
      ConfigChecks.positive("samples", samples);
      ConfigChecks.positive("qualityStddevs", qualityStddevs);
      ConfigChecks.positive("minSamplesPerMode", minSamplesPerMode);
      ConfigChecks.nonNegative("every", every);
      samples = samples == null ? 2500 : samples;
      qualityStddevs = qualityStddevs == null ? 3.0 : qualityStddevs;
      minSamplesPerMode = minSamplesPerMode == null ? 20 : minSamplesPerMode;
      every = every == null ? 0 : every;
    }
  }

  /** Registers {@code mode-coverage}. */
  @AutoService(MetricProvider.class)
  public static final class Provider implements MetricProvider<Config> {
    @Override
    public String type() {
      return "mode-coverage";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Metric create(Config config, PluginContext context) {
      return new ModeCoverage(config);
    }

    @Override
    public String description() {
      return "Modes captured, high-quality fraction and reverse KL on Gaussian-mixture benchmarks (PacGAN protocol).";
    }
  }
}
