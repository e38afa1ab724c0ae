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
import dev.ganforge.metrics.statistics.InceptionScore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inception Score (Salimans et al. 2016) with the domain classifier's class probabilities:
 * {@code inception-score} (mean over splits) and {@code inception-score-stddev}.
 */
public final class InceptionScoreMetric implements Metric {
  private final Config config;
  private final FeatureSets features;

  public InceptionScoreMetric(Config config, DatasetInfo data) {
    this.config = config;
    this.features = new FeatureSets("inception-score", config.extractor(), null, data);
  }

  @Override
  public Map<String, Double> evaluate(MetricContext context) {
    InceptionScore.Result score =
        InceptionScore.of(features.generatedProbabilities(context, config.samples()), config.splits());
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("inception-score", score.mean());
    result.put("inception-score-stddev", score.stddev());
    return result;
  }

  @Override
  public Map<String, String> provenance() {
    return features.provenance(config.samples(), false);
  }

  /** Config of {@code inception-score}. */
  public record Config(
      @JsonPropertyDescription("Generated samples per evaluation.") Integer samples,
      @JsonPropertyDescription(FeatureSets.EVERY_DOC) Integer every,
      @JsonPropertyDescription("Equal parts the score is computed on (mean and spread reported).") Integer splits,
      @JsonPropertyDescription("A DL4J classifier file with a softmax output; default the data's domain "
          + "classifier (gan classifier train).") String extractor)
      implements MetricConfig {
    public Config {
      ConfigChecks.positive("samples", samples);
      ConfigChecks.nonNegative("every", every);
      ConfigChecks.positive("splits", splits);
      samples = samples == null ? 10_000 : samples;
      every = every == null ? 0 : every;
      splits = splits == null ? 10 : splits;
    }
  }

  /** Registers {@code inception-score}. */
  @AutoService(MetricProvider.class)
  public static final class Provider implements MetricProvider<Config> {
    @Override
    public String type() {
      return "inception-score";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Metric create(Config config, PluginContext context) {
      return new InceptionScoreMetric(config, context.dataset().orElseThrow(
          () -> new IllegalArgumentException("inception-score needs the run's data")));
    }

    @Override
    public String description() {
      return "exp(E KL(p(y|x) || p(y))) with the domain classifier's predictions, over splits (Salimans et al. "
          + "2016): 1 to the number of classes.";
    }
  }
}
