package dev.ganforge.metrics.features;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.metric.MetricContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The feature sets a feature-based metric compares, from one extractor: generated samples, the real
 * reference (fixed training samples) and held-out real samples (the floor). Real features are computed
 * once per extractor, dataset and count, and cached in memory and under {@code GANFORGE_HOME/cache}.
 */
public final class FeatureSets {
  /** Descriptions of the config keys every feature metric shares. */
  public static final String SAMPLES_DOC = "Generated (and real) samples per evaluation.";
  public static final String EVERY_DOC = "Evaluate every this many steps during training; 0 only on demand.";
  public static final String EXTRACTOR_DOC =
      "A DL4J model file to read features from; default the data's domain classifier (gan classifier train).";
  public static final String LAYER_DOC =
      "The extractor's layer whose activations are the features; default the domain classifier's 128-unit layer.";

  private final Path path;
  private final int layer;
  private FeatureExtractor extractor;
  private final Map<String, INDArray> memory = new HashMap<>();

  /**
   * Checks at once that the extractor exists, so that a run fails at its start rather than at its first
   * evaluation.
   *
   * @param metric the metric's type, for messages
   * @param extractorPath a DL4J model file, or null for the data's domain classifier
   * @param layer the layer to read, or null for the domain classifier's feature layer
   * @throws IllegalArgumentException when there is no extractor, or the data are not images
   */
  public FeatureSets(String metric, String extractorPath, Integer layer, DatasetInfo data) {
    if (extractorPath == null && data.sampleShape().size() != 3) {
      throw new IllegalArgumentException(metric + " compares image features, but " + data.name() + " holds "
          + "vectors; use mode-coverage for Gaussian mixtures, or name a feature extractor with extractor:");
    }
    this.path = extractorPath != null ? Path.of(extractorPath) : Extractors.defaultClassifier(data.name());
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(extractorPath != null
          ? metric + ": extractor: no model file at " + path
          : metric + ": no feature extractor for " + data.name() + " at " + path + "; train it once with `gan "
              + "classifier train --data " + data.name() + "` (a few minutes), or name a DL4J model file with "
              + "extractor:");
    }
    this.layer = layer != null ? layer : DomainClassifier.FEATURE_LAYER;
  }

  /** The extractor, loaded on first use. */
  public FeatureExtractor extractor() {
    if (extractor == null) {
      extractor = FeatureExtractor.load(path, layer);
    }
    return extractor;
  }

  /**
   * What measurements with these feature sets depend on: the extractor (file, weight hash, layer), the
   * sample count and the real samples compared with.
   */
  public Map<String, String> provenance(int samples, boolean usesReal) {
    Map<String, String> provenance = new java.util.LinkedHashMap<>();
    provenance.put("extractor", extractor().id());
    provenance.put("samples", Integer.toString(samples));
    if (usesReal) {
      provenance.put("reference", "the data's fixed samples (its configured split); floor: the other split's");
    }
    return provenance;
  }

  /** The features last computed for generated samples, shared by the metrics of one evaluation round. */
  private record LastGenerated(INDArray samples, String extractor, INDArray features) {}

  private static volatile LastGenerated lastGenerated;

  /**
   * Features of {@code count} generated samples. Metrics evaluated together get the same samples from
   * their context, so the features are computed once: the cache holds the last samples by identity.
   */
  public INDArray generated(MetricContext context, int count) {
    INDArray samples = context.generate(count);
    LastGenerated last = lastGenerated;
    if (last != null && last.samples() == samples && last.extractor().equals(extractor().id())) {
      return last.features();
    }
    INDArray features = extractor().features(samples);
    lastGenerated = new LastGenerated(samples, extractor().id(), features);
    return features;
  }

  /** Class probabilities of {@code count} generated samples (the extractor's output). */
  public INDArray generatedProbabilities(MetricContext context, int count) {
    return extractor().probabilities(context.generate(count));
  }

  /** Features of {@code count} fixed real training samples. */
  public INDArray real(MetricContext context, int count) {
    return cached(context.dataset(), "train", count, () -> Optional.of(context.realSamples(count))).orElseThrow();
  }

  /** Features of {@code count} held-out real samples, when the data has a held-out split. */
  public Optional<INDArray> heldOut(MetricContext context, int count) {
    return cached(context.dataset(), "held-out", count, () -> context.heldOutSamples(count));
  }

  /**
   * The features of real samples, from memory or the disk cache when there; the samples are drawn only
   * when the features must be computed.
   */
  private Optional<INDArray> cached(DatasetInfo data, String split, int count,
      java.util.function.Supplier<Optional<INDArray>> samples) {
    FeatureExtractor source = extractor();
    String key = (data.name() + "-" + split + "-" + count + "-" + source.id()).replaceAll("[^A-Za-z0-9._-]", "_");
    INDArray known = memory.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Path file = Extractors.home().resolve("cache").resolve(key + ".npy");
    Optional<INDArray> features = Files.isRegularFile(file) ? Optional.of(Nd4j.createFromNpyFile(file.toFile()))
        : samples.get().map(drawn -> {
          INDArray computed = source.features(drawn);
          write(computed, file);
          return computed;
        });
    features.ifPresent(value -> memory.put(key, value));
    return features;
  }

  /** Best effort: a cache that cannot be written only costs time on the next run. */
  private static void write(INDArray features, Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
      Nd4j.writeAsNumpy(features, temporary.toFile());
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      System.err.println("note: cannot cache real features at " + file + ": " + e.getMessage());
    }
  }
}
