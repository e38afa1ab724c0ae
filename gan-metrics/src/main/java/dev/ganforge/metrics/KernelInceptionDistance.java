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
import dev.ganforge.metrics.features.FeatureSets;
import dev.ganforge.metrics.statistics.KernelDistance;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Kernel Inception Distance (Bińkowski et al. 2018): the unbiased MMD^2 with the cubic polynomial kernel
 * between generated and real features, averaged over random subsets: {@code kid}, {@code kid-stddev}
 * (spread over the subsets) and {@code kid-floor} (held-out against training real samples).
 */
public final class KernelInceptionDistance implements Metric {
  private final Config config;
  private final FeatureSets features;

  public KernelInceptionDistance(Config config, DatasetInfo data) {
    this.config = config;
    this.features = new FeatureSets("kid", config.extractor(), config.layer(), data);
  }

  @Override
  public Map<String, Double> evaluate(MetricContext context) {
    INDArray real = features.real(context, config.samples());
    KernelDistance.Result generated = KernelDistance.overSubsets(features.generated(context, config.samples()), real,
        config.subsetSize(), config.subsets(), context.random());
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("kid", generated.mean());
    result.put("kid-stddev", generated.stddev());
    features.heldOut(context, config.samples()).ifPresent(heldOut -> result.put("kid-floor",
        KernelDistance.overSubsets(heldOut, real, config.subsetSize(), config.subsets(), context.random()).mean()));
    return result;
  }

  @Override
  public Map<String, String> provenance() {
    return features.provenance(config.samples(), true);
  }

  /** Config of {@code kid}. */
  public record Config(
      @JsonPropertyDescription(FeatureSets.SAMPLES_DOC) Integer samples,
      @JsonPropertyDescription(FeatureSets.EVERY_DOC) Integer every,
      @JsonPropertyDescription("Random subsets the estimate is averaged over.") Integer subsets,
      @JsonPropertyDescription("Samples of each set in a subset (at most samples).") Integer subsetSize,
      @JsonPropertyDescription(FeatureSets.EXTRACTOR_DOC) String extractor,
      @JsonPropertyDescription(FeatureSets.LAYER_DOC) Integer layer)
      implements MetricConfig {
    public Config {
      ConfigChecks.inRange("samples", samples, 2, Integer.MAX_VALUE);
      ConfigChecks.nonNegative("every", every);
      ConfigChecks.positive("subsets", subsets);
      ConfigChecks.inRange("subsetSize", subsetSize, 2, Integer.MAX_VALUE);
      ConfigChecks.nonNegative("layer", layer);
      samples = samples == null ? 10_000 : samples;
      every = every == null ? 0 : every;
      subsets = subsets == null ? 100 : subsets;
      subsetSize = subsetSize == null ? 1000 : subsetSize;
    }
  }

  /** Registers {@code kid}. */
  @AutoService(MetricProvider.class)
  public static final class Provider implements MetricProvider<Config> {
    @Override
    public String type() {
      return "kid";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Metric create(Config config, PluginContext context) {
      return new KernelInceptionDistance(config, context.dataset().orElseThrow(
          () -> new IllegalArgumentException("kid needs the run's data")));
    }

    @Override
    public String description() {
      return "Unbiased MMD^2 with the kernel (x.y/d + 1)^3 between generated and real features, over random "
          + "subsets (Binkowski et al. 2018), with its spread and the real-vs-real floor.";
    }
  }
}
