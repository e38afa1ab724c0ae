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
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How often a conditional generator draws the class it is asked for: the fraction of samples generated
 * for class k that the domain classifier assigns to class k ({@code class-fidelity}), overall and per class
 * ({@code class-fidelity/<k>}). Read it beside the classifier's own test accuracy, its ceiling.
 */
public final class ClassFidelity implements Metric {
  private final Config config;
  private final FeatureSets features;
  private final int classes;

  public ClassFidelity(Config config, DatasetInfo data) {
    if (data.classCount() <= 0) {
      throw new IllegalArgumentException("class-fidelity needs labelled data and a conditional generator; "
          + data.name() + " has no class labels");
    }
    this.config = config;
    this.features = new FeatureSets("class-fidelity", config.extractor(), null, data);
    this.classes = data.classCount();
  }

  @Override
  public Map<String, Double> evaluate(MetricContext context) {
    int perClass = Math.max(1, config.samples() / classes);
    int n = perClass * classes;
    INDArray labels = Nd4j.zeros(DataType.FLOAT, n, classes);
    for (int i = 0; i < n; i++) {
      labels.putScalar(i, i / perClass, 1);
    }
    INDArray predicted = features.extractor().probabilities(context.generate(n, labels)).argMax(1);
    int[] correct = new int[classes];
    for (int i = 0; i < n; i++) {
      if (predicted.getInt(i) == i / perClass) {
        correct[i / perClass]++;
      }
    }
    Map<String, Double> result = new LinkedHashMap<>();
    result.put("class-fidelity", java.util.Arrays.stream(correct).sum() / (double) n);
    for (int k = 0; k < classes; k++) {
      result.put("class-fidelity/" + k, correct[k] / (double) perClass);
    }
    return result;
  }

  @Override
  public Map<String, String> provenance() {
    return features.provenance(config.samples(), false);
  }

  /** Config of {@code class-fidelity}. */
  public record Config(
      @JsonPropertyDescription("Generated samples per evaluation, split evenly over the classes.") Integer samples,
      @JsonPropertyDescription(FeatureSets.EVERY_DOC) Integer every,
      @JsonPropertyDescription("A DL4J classifier file with a softmax output; default the data's domain "
          + "classifier (gan classifier train).") String extractor)
      implements MetricConfig {
    public Config {
      ConfigChecks.positive("samples", samples);
      ConfigChecks.nonNegative("every", every);
      samples = samples == null ? 1000 : samples;
      every = every == null ? 0 : every;
    }
  }

  /** Registers {@code class-fidelity}. */
  @AutoService(MetricProvider.class)
  public static final class Provider implements MetricProvider<Config> {
    @Override
    public String type() {
      return "class-fidelity";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Metric create(Config config, PluginContext context) {
      return new ClassFidelity(config, context.dataset().orElseThrow(
          () -> new IllegalArgumentException("class-fidelity needs the run's data")));
    }

    @Override
    public String description() {
      return "Conditional generators: the fraction of samples drawn for class k that the domain classifier "
          + "assigns to k, overall and per class.";
    }
  }
}
