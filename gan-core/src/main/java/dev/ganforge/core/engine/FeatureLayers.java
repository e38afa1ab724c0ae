package dev.ganforge.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The discriminator cut after intermediate layers, for losses that read features (feature matching).
 * Each cut is a network of D's first layers whose parameters are views into D's own array (so it always
 * sees D's current weights) with a gradient buffer of its own (so backpropagating through it never
 * touches D's update).
 */
final class FeatureLayers {
  private static final Pattern NAME = Pattern.compile("discriminator\\.layers\\[(-?\\d+)]");

  /** The cuts by feature-layer name, in the loss's order. */
  private final Map<String, MultiLayerNetwork> cuts;

  private FeatureLayers(Map<String, MultiLayerNetwork> cuts) {
    this.cuts = cuts;
  }

  /**
   * Cuts for {@code names} ({@code discriminator.layers[i]}), with {@code layerEnds[i]} the last DL4J
   * layer of config layer {@code i}.
   *
   * @throws ModelException for a name that is malformed or out of range
   */
  static FeatureLayers of(List<String> names, MultiLayerNetwork discriminator, int[] layerEnds) {
    if (!names.isEmpty() && ReferenceBatch.rowsOf(discriminator) > 0) {
      throw new ModelException("loss: feature layers cannot be read from a discriminator with "
          + "virtual-batch-norm yet (its layers see the reference batch beside the samples); use "
          + "batch-norm or layer-norm in the discriminator, or a loss without featureLayers");
    }
    Map<String, MultiLayerNetwork> cuts = new LinkedHashMap<>();
    for (String name : names) {
      Matcher matcher = NAME.matcher(name);
      if (!matcher.matches()) {
        throw new ModelException("loss: feature layer '" + name
            + "' is not of the form discriminator.layers[i]");
      }
      int index = Integer.parseInt(matcher.group(1));
      int resolved = index < 0 ? layerEnds.length + index : index;
      // The last config layer produces the score, not a feature.
      if (resolved < 0 || resolved >= layerEnds.length - 1) {
        throw new ModelException("loss.layer: " + index + " is not an intermediate "
            + "discriminator layer; the discriminator has " + layerEnds.length + " layers, so use 0 to "
            + (layerEnds.length - 2) + " (or -2 to -" + layerEnds.length + ")");
      }
      cuts.put(name, cut(discriminator, layerEnds[resolved]));
    }
    return new FeatureLayers(cuts);
  }

  private static MultiLayerNetwork cut(MultiLayerNetwork discriminator, int lastLayer) {
    MultiLayerConfiguration configuration = discriminator.getLayerWiseConfigurations().clone();
    configuration.setConfs(new ArrayList<>(configuration.getConfs().subList(0, lastLayer + 1)));
    Map<Integer, InputPreProcessor> preprocessors = new HashMap<>(configuration.getInputPreProcessors());
    preprocessors.keySet().removeIf(layer -> layer > lastLayer);
    configuration.setInputPreProcessors(preprocessors);
    long count = 0;
    for (int i = 0; i <= lastLayer; i++) {
      count += discriminator.getLayer(i).numParams();
    }
    MultiLayerNetwork cut = new MultiLayerNetwork(configuration);
    // DL4J lays parameters out layer by layer, so D's first layers own a prefix of its array.
    INDArray all = discriminator.params();
    INDArray prefix = (all.rank() == 1 ? all : all.reshape(all.length()))
        .get(NDArrayIndex.interval(0, count)).reshape(1, count);
    cut.init(prefix, false);
    return cut;
  }

  boolean isEmpty() {
    return cuts.isEmpty();
  }

  /**
   * Each cut's output on {@code input}, in training mode, without keeping activations ({@code labels}:
   * the samples' one-hot labels for a conditional discriminator, else null).
   */
  Map<String, INDArray> features(INDArray input, INDArray labels) {
    Map<String, INDArray> features = new LinkedHashMap<>();
    cuts.forEach((name, cut) -> {
      Conditioning.setLabels(cut, labels);
      features.put(name, cut.output(input, true));
      Activations.release(cut);
    });
    return features;
  }

  /** Each cut's output on {@code input}, keeping activations for {@link #inputGradient}. */
  Map<String, INDArray> featuresForBackprop(INDArray input, INDArray labels) {
    Map<String, INDArray> features = new LinkedHashMap<>();
    cuts.forEach((name, cut) -> {
      Conditioning.setLabels(cut, labels);
      features.put(name, NetworkPass.ITERATION.forward(cut, input));
    });
    return features;
  }

  /** The sum over cuts of d loss / d input, given d loss / d features per cut. */
  INDArray inputGradient(Map<String, INDArray> featureGradients, INDArray into) {
    featureGradients.forEach((name, gradient) -> {
      MultiLayerNetwork cut = cuts.get(name);
      if (cut == null) {
        throw new IllegalStateException("the loss returned a gradient for feature layer '" + name
            + "' that it did not ask for; it asked for " + cuts.keySet());
      }
      into.addi(NetworkPass.ITERATION.backward(cut, gradient).getSecond().reshape(into.shape()));
      Activations.release(cut);
    });
    return into;
  }
}
