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
import dev.ganforge.metrics.statistics.FrechetDistance;
import dev.ganforge.metrics.statistics.GaussianStatistics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fréchet Inception Distance (Heusel et al. 2017) between generated and real features of the domain
 * classifier (or a named extractor): {@code fid}, and {@code fid-floor}, the same distance between held-out
 * and training real samples, below which no generator can be told from the data.
 */
public final class FrechetInceptionDistance implements Metric {
  private final Config config;
  private final FeatureSets features;

  public FrechetInceptionDistance(Config config, DatasetInfo data) {
    this.config = config;
    this.features = new FeatureSets("fid", config.extractor(), config.layer(), data);
  }

  @Override
  public Map<String, Double> evaluate(MetricContext context) {
    GaussianStatistics real = GaussianStatistics.of(features.real(context, config.samples()));
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("fid", FrechetDistance.between(GaussianStatistics.of(features.generated(context, config.samples())), real));
    features.heldOut(context, config.samples()).ifPresent(heldOut ->
        result.put("fid-floor", FrechetDistance.between(GaussianStatistics.of(heldOut), real)));
    return result;
  }

  @Override
  public Map<String, String> provenance() {
    return features.provenance(config.samples(), true);
  }

  /** Config of {@code fid}. */
  public record Config(
      @JsonPropertyDescription(FeatureSets.SAMPLES_DOC) Integer samples,
      @JsonPropertyDescription(FeatureSets.EVERY_DOC) Integer every,
      @JsonPropertyDescription(FeatureSets.EXTRACTOR_DOC) String extractor,
      @JsonPropertyDescription(FeatureSets.LAYER_DOC) Integer layer)
      implements MetricConfig {
    public Config {
      ConfigChecks.inRange("samples", samples, 2, Integer.MAX_VALUE);
      ConfigChecks.nonNegative("every", every);
      ConfigChecks.nonNegative("layer", layer);
      samples = samples == null ? 10_000 : samples;
      every = every == null ? 0 : every;
    }
  }

  /** Registers {@code fid}. */
  @AutoService(MetricProvider.class)
  public static final class Provider implements MetricProvider<Config> {
    @Override
    public String type() {
      return "fid";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Metric create(Config config, PluginContext context) {
      return new FrechetInceptionDistance(config, context.dataset().orElseThrow(
          () -> new IllegalArgumentException("fid needs the run's data")));
    }

    @Override
    public String description() {
      return "Fréchet distance between Gaussians fitted to generated and real features (Heusel et al. 2017), "
          + "with the real-vs-real floor; float64, symmetric eigendecompositions.";
    }
  }
}
