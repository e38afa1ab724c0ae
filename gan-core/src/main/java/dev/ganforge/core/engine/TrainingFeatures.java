package dev.ganforge.core.engine;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.TrainingFeature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A run's features in order, and the engine's side of their hooks: each hook runs on every feature. */
final class TrainingFeatures {
  private final List<TrainingFeature> features;

  TrainingFeatures(List<TrainingFeature> features) {
    this.features = List.copyOf(features);
  }

  void beforeIteration(Iteration iteration) {
    features.forEach(feature -> feature.beforeIteration(iteration));
  }

  void afterUpdate(NetworkRole role, Iteration iteration) {
    features.forEach(feature -> feature.afterUpdate(role, iteration));
  }

  void networkReplaced(NetworkRole role, MultiLayerNetwork network) {
    features.forEach(feature -> feature.networkReplaced(role, network));
  }

  /** A real batch after every feature's {@link TrainingFeature#realBatch} (progressive growing's blend). */
  INDArray realBatch(INDArray batch) {
    INDArray result = batch;
    for (TrainingFeature feature : features) {
      result = feature.realBatch(result);
    }
    return result;
  }

  /** The batch after every feature's {@link TrainingFeature#discriminatorBatch} (PacGAN's packing). */
  INDArray discriminatorBatch(INDArray batch) {
    INDArray result = batch;
    for (TrainingFeature feature : features) {
      result = feature.discriminatorBatch(result);
    }
    return result;
  }

  /** The labels of the first feature that conditions the model; empty for an unconditional one. */
  Optional<INDArray> fakeLabels(int n, Optional<INDArray> realLabels, RandomSource random) {
    for (TrainingFeature feature : features) {
      Optional<INDArray> labels = feature.fakeLabels(n, realLabels, random);
      if (labels.isPresent()) {
        return labels;
      }
    }
    return Optional.empty();
  }

  /** The first sampling generator a feature offers (a weight average), or null for the generator. */
  MultiLayerNetwork samplingGenerator() {
    return features.stream().map(TrainingFeature::samplingGenerator).flatMap(Optional::stream).findFirst()
        .orElse(null);
  }

  /** Every feature's state, for a checkpoint; two features may not use one key. */
  void putArrays(Map<String, INDArray> arrays) {
    for (TrainingFeature feature : features) {
      feature.state().forEach((key, value) -> {
        if (arrays.putIfAbsent(key, value) != null) {
          throw new IllegalStateException("two training features keep checkpoint state under the key '" + key
              + "' (one of them is " + feature.getClass().getName() + "); give each feature keys of its own");
        }
      });
    }
  }

  /** Gives each feature the arrays among {@code arrays} that its {@link TrainingFeature#state()} names. */
  void restoreArrays(Map<String, INDArray> arrays) {
    for (TrainingFeature feature : features) {
      Map<String, INDArray> state = new HashMap<>();
      feature.state().keySet().stream().filter(arrays::containsKey).forEach(key -> state.put(key, arrays.get(key)));
      if (!state.isEmpty()) {
        feature.restoreState(state);
      }
    }
  }
}
