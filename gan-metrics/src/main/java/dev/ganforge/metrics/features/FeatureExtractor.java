package dev.ganforge.metrics.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reads features and class probabilities from a trained DL4J network: the activations of one layer, and
 * the output when it is a softmax. Identified by its file name and a hash of its weights, so that a metric
 * result says exactly which network measured it.
 */
public final class FeatureExtractor {
  static final int BATCH = 500;

  private final MultiLayerNetwork network;
  private final int featureLayer;
  private final String id;

  FeatureExtractor(MultiLayerNetwork network, int featureLayer, String name) {
    if (featureLayer < 0 || featureLayer >= network.getnLayers()) {
      throw new IllegalArgumentException("layer " + featureLayer + " does not exist in " + name + ", which has "
          + network.getnLayers() + " layers (0 to " + (network.getnLayers() - 1) + ")");
    }
    this.network = network;
    this.featureLayer = featureLayer;
    this.id = name + "@" + weightHash(network).substring(0, 12) + ":" + featureLayer;
  }

  /** Loads a network saved by DL4J's {@code ModelSerializer} and reads features from {@code featureLayer}. */
  public static FeatureExtractor load(Path model, int featureLayer) {
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("no feature extractor at " + model);
    }
    try {
      return new FeatureExtractor(ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false), featureLayer,
          model.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the feature extractor " + model + ": " + e.getMessage(), e);
    }
  }

  /** The file name, the first 12 hex digits of the SHA-256 of the weights, and the layer read. */
  public String id() {
    return id;
  }

  /** The features of {@code inputs} (the network's input shape), float64 {@code [n, d]}, in batches. */
  public INDArray features(INDArray inputs) {
    return mapBatches(inputs, batch -> network.feedForwardToLayer(featureLayer, batch, false).get(featureLayer + 1));
  }

  /** The network's output for {@code inputs}: class probabilities for a softmax classifier. */
  public INDArray probabilities(INDArray inputs) {
    return mapBatches(inputs, batch -> network.output(batch, false));
  }

  private INDArray mapBatches(INDArray inputs, java.util.function.UnaryOperator<INDArray> function) {
    DataType type = network.params().dataType();
    INDArray[] parts = new INDArray[(int) ((inputs.size(0) + BATCH - 1) / BATCH)];
    for (int i = 0; i < parts.length; i++) {
      long start = (long) i * BATCH;
      INDArray output = function.apply(rows(inputs, start, Math.min(inputs.size(0), start + BATCH)).castTo(type));
      parts[i] = output.reshape(output.size(0), -1).castTo(DataType.DOUBLE);
    }
    return parts.length == 1 ? parts[0] : Nd4j.concat(0, parts);
  }

  static INDArray rows(INDArray array, long start, long end) {
    INDArrayIndex[] indices = new INDArrayIndex[array.rank()];
    Arrays.fill(indices, NDArrayIndex.all());
    indices[0] = NDArrayIndex.interval(start, end);
    return array.get(indices);
  }

  private static String weightHash(MultiLayerNetwork network) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      double[] weights = network.params().castTo(DataType.DOUBLE).data().asDouble();
      ByteBuffer buffer = ByteBuffer.allocate(8 * 4096);
      for (int i = 0; i < weights.length; i++) {
        if (!buffer.hasRemaining()) {
          digest.update(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
        buffer.putDouble(weights[i]);
      }
      digest.update(buffer.array(), 0, buffer.position());
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
