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
import dev.ganforge.metrics.statistics.ManifoldPrecisionRecall;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019) on domain-classifier features:
 * {@code precision} (how much of the generated set lies on the real manifold: quality) and
 * {@code recall} (how much of the real set lies on the generated manifold: coverage).
 */
public final class PrecisionRecall implements Metric {
  private final Config config;
  private final FeatureSets features;

  public PrecisionRecall(Config config, DatasetInfo data) {
    this.config = config;
    this.features = new FeatureSets("precision-recall", config.extractor(), config.layer(), data);
  }

  @Override
  public Map<String, Double> evaluate(MetricContext context) {
    ManifoldPrecisionRecall.Result measured = ManifoldPrecisionRecall.of(features.real(context, config.samples()),
        features.generated(context, config.samples()), config.k());
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("precision", measured.precision());
    result.put("recall", measured.recall());
    return result;
  }

  @Override
  public Map<String, String> provenance() {
    return features.provenance(config.samples(), true);
  }

  /** Config of {@code precision-recall}. */
  public record Config(
      @JsonPropertyDescription(FeatureSets.SAMPLES_DOC) Integer samples,
      @JsonPropertyDescription(FeatureSets.EVERY_DOC) Integer every,
      @JsonPropertyDescription("Neighbour whose distance sets each point's ball (Kynkaanniemi et al.: 3).") Integer k,
      @JsonPropertyDescription(FeatureSets.EXTRACTOR_DOC) String extractor,
      @JsonPropertyDescription(FeatureSets.LAYER_DOC) Integer layer)
      implements MetricConfig {
    public Config {
      ConfigChecks.positive("samples", samples);
      ConfigChecks.nonNegative("every", every);
      ConfigChecks.positive("k", k);
      ConfigChecks.nonNegative("layer", layer);
      samples = samples == null ? 10_000 : samples;
      every = every == null ? 0 : every;
      k = k == null ? 3 : k;
      if (samples <= k) {
        throw new dev.ganforge.api.InvalidConfigException("samples", "must exceed k (" + k + "), got " + samples);
      }
    }
  }

  /** Registers {@code precision-recall}. */
  @AutoService(MetricProvider.class)
  public static final class Provider implements MetricProvider<Config> {
    @Override
    public String type() {
      return "precision-recall";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Metric create(Config config, PluginContext context) {
      return new PrecisionRecall(config, context.dataset().orElseThrow(
          () -> new IllegalArgumentException("precision-recall needs the run's data")));
    }

    @Override
    public String description() {
      return "Improved precision (quality) and recall (coverage) with k-NN manifolds of features "
          + "(Kynkaanniemi et al. 2019).";
    }
  }
}
