package dev.ganforge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.metric.Metric;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.api.metric.MetricContext;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.random.SplitMixRandom;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.metrics.features.DomainClassifier;
import dev.ganforge.metrics.features.Extractors;
import dev.ganforge.metrics.features.FeatureExtractor;
import dev.ganforge.metrics.statistics.FrechetDistance;
import dev.ganforge.metrics.statistics.GaussianStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The feature-based metric plugins wire extractor, samples and statistics together: checked with a small
 * (untrained) domain classifier saved where the metrics look for it, against the statistics computed
 * directly from the same extractor.
 */
final class FeatureMetricsTest {
  private static final DatasetInfo DATA = new DatasetInfo("tiny-images", List.of(1L, 8L, 8L), 3, Optional.empty(), 0);

  @TempDir Path home;
  private Path classifier;

  @BeforeEach
  void installClassifier() throws Exception {
    System.setProperty(Extractors.HOME_PROPERTY, home.toString());
    classifier = Extractors.defaultClassifier(DATA.name());
    Files.createDirectories(classifier.getParent());
    ModelSerializer.writeModel(DomainClassifier.create(1, 8, 8, 3, 42), classifier.toFile(), false);
  }

  @AfterEach
  void clearHome() {
    System.clearProperty(Extractors.HOME_PROPERTY);
  }

  /** Generated, real and held-out samples are three fixed sets of images (or the same set). */
  private static class Context implements MetricContext {
    private final INDArray generated;
    private final INDArray real;
    private final INDArray heldOut;

    Context(INDArray generated, INDArray real, INDArray heldOut) {
      this.generated = generated;
      this.real = real;
      this.heldOut = heldOut;
    }

    @Override
    public long step() {
      return 0;
    }

    @Override
    public INDArray generate(int count) {
      return generated.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, count));
    }

    @Override
    public INDArray generate(int count, INDArray labels) {
      throw new UnsupportedOperationException();
    }

    @Override
    public INDArray realSamples(int count) {
      return real.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, count));
    }

    @Override
    public Optional<INDArray> heldOutSamples(int count) {
      return Optional.of(heldOut.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, count)));
    }

    @Override
    public DatasetInfo dataset() {
      return DATA;
    }

    @Override
    public RandomSource random() {
      return new SplitMixRandom(3);
    }
  }

  private static INDArray images(long seed, double shift) {
    return new SplitMixRandom(seed).normal(DataType.FLOAT, 400, 1, 8, 8).muli(0.5).addi(shift);
  }

  private static Map<String, Double> evaluate(String yaml, MetricContext context) {
    MetricConfig config = PluginContracts.mapper().read(yaml, false, "test", MetricConfig.class);
    Metric metric = PluginContracts.classpathRegistry()
        .create(PluginKind.METRIC, config, PluginContracts.context(DataType.FLOAT, DATA));
    return metric.evaluate(context);
  }

  @Test
  void areDiscoveredAndTheirConfigsRoundTrip() {
    PluginContracts.assertDiscovered(PluginKind.METRIC, "fid", FrechetInceptionDistance.Provider.class);
    PluginContracts.assertDiscovered(PluginKind.METRIC, "kid", KernelInceptionDistance.Provider.class);
    PluginContracts.assertDiscovered(PluginKind.METRIC, "inception-score", InceptionScoreMetric.Provider.class);
    PluginContracts.assertDiscovered(PluginKind.METRIC, "precision-recall", PrecisionRecall.Provider.class);
    PluginContracts.assertRoundTrip(MetricConfig.class, "{type: fid}",
        new FrechetInceptionDistance.Config(10_000, 0, null, null));
    PluginContracts.assertRoundTrip(MetricConfig.class, "{type: kid, samples: 2000, every: 500, subsets: 10}",
        new KernelInceptionDistance.Config(2000, 500, 10, 1000, null, null));
    PluginContracts.assertRoundTrip(MetricConfig.class, "{type: inception-score, splits: 5, extractor: c.zip}",
        new InceptionScoreMetric.Config(10_000, 0, 5, "c.zip"));
    PluginContracts.assertRoundTrip(MetricConfig.class, "{type: precision-recall, k: 5, layer: 2}",
        new PrecisionRecall.Config(10_000, 0, 5, null, 2));
  }

  @Test
  void fidComparesTheExtractorsFeaturesOfGeneratedAndRealSamplesAndReportsTheFloor() {
    INDArray generated = images(1, 0.4);
    INDArray real = images(2, 0);
    INDArray heldOut = images(3, 0);
    FeatureExtractor extractor = FeatureExtractor.load(classifier, DomainClassifier.FEATURE_LAYER);
    GaussianStatistics realStatistics = GaussianStatistics.of(extractor.features(real.get(
        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 300))));

    Map<String, Double> result = evaluate("{type: fid, samples: 300}", new Context(generated, real, heldOut));

    assertThat(result.get("fid")).isCloseTo(FrechetDistance.between(GaussianStatistics.of(extractor.features(
        generated.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 300)))), realStatistics), within(1e-9));
    assertThat(result.get("fid-floor")).isLessThan(result.get("fid"));
    // the real features are cached on disk for the next evaluation, keyed by the extractor's weights
    assertThat(home.resolve("cache").toFile().list()).anyMatch(name -> name.startsWith("tiny-images-train-300-"));
    assertThat(evaluate("{type: fid, samples: 300}", new Context(generated, real, heldOut))).isEqualTo(result);
  }

  @Test
  void identicalGeneratedAndRealSetsScoreAsIdentical() {
    INDArray same = images(4, 0);
    Context context = new Context(same, same, images(5, 0));

    assertThat(evaluate("{type: fid, samples: 300}", context).get("fid")).isCloseTo(0, within(1e-6));
    Map<String, Double> kid = evaluate("{type: kid, samples: 300, subsetSize: 100, subsets: 10}", context);
    assertThat(Math.abs(kid.get("kid"))).isLessThan(3 * kid.get("kid-stddev") + 1e-12);
    Map<String, Double> pr = evaluate("{type: precision-recall, samples: 300}", context);
    assertThat(pr).containsEntry("precision", 1.0).containsEntry("recall", 1.0);
    double score = evaluate("{type: inception-score, samples: 300, splits: 3}", context).get("inception-score");
    assertThat(score).isBetween(1.0, 3.0);
  }

  @Test
  void classFidelityIsTheShareOfSamplesTheClassifierAssignsToTheClassAskedFor() {
    // A "generator" that answers class k with images drawn around k (3 classes, 100 samples each).
    MetricContext context = new Context(null, null, null) {
      @Override
      public INDArray generate(int count, INDArray labels) {
        INDArray images = new SplitMixRandom(11).normal(DataType.FLOAT, count, 1, 8, 8);
        for (int i = 0; i < count; i++) {
          images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).addi(labels.getRow(i).argMax().getInt(0) - 1);
        }
        return images;
      }
    };
    INDArray labels = org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 300, 3);
    for (int i = 0; i < 300; i++) {
      labels.putScalar(i, i / 100, 1);
    }
    INDArray predicted = FeatureExtractor.load(classifier, DomainClassifier.FEATURE_LAYER)
        .probabilities(context.generate(300, labels)).argMax(1);
    int correct = 0;
    for (int i = 0; i < 300; i++) {
      correct += predicted.getInt(i) == i / 100 ? 1 : 0;
    }

    Map<String, Double> result = evaluate("{type: class-fidelity, samples: 300}", context);

    assertThat(result.get("class-fidelity")).isCloseTo(correct / 300.0, within(1e-12));
    assertThat(result).containsKeys("class-fidelity/0", "class-fidelity/1", "class-fidelity/2");
  }

  @Test
  void aMissingClassifierIsReportedWithTheCommandThatTrainsIt() throws Exception {
    Files.delete(classifier);

    assertThatThrownBy(() -> evaluate("{type: fid, samples: 300}", new Context(images(6, 0), images(7, 0), images(8, 0))))
        .hasMessageContaining("no feature extractor for tiny-images")
        .hasMessageContaining("gan classifier train --data tiny-images");
  }
}
