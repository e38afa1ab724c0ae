package dev.ganforge.metrics.features;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The domain classifier that stands in for Inception where no Inception weights can be downloaded: a
 * small CNN (two 3x3 convolution + max-pool blocks, a 128-unit hidden layer, softmax) trained on the
 * data's labelled training split. FID, KID and precision/recall read the hidden layer's 128 features;
 * the Inception Score reads the class probabilities. Numbers measured with it are comparable with other
 * numbers measured with the same classifier only (every result records its hash).
 */
public final class DomainClassifier {
  /** The layer whose activations are the features: the 128-unit hidden layer. */
  public static final int FEATURE_LAYER = 4;

  private DomainClassifier() {}

  /** An untrained classifier for images {@code [channels, height, width]}. */
  public static MultiLayerNetwork create(long channels, long height, long width, int classes, long seed) {
    MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .updater(new Adam(1e-3))
        .weightInit(WeightInit.RELU)
        .list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).convolutionMode(
            org.deeplearning4j.nn.conf.ConvolutionMode.Same).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).convolutionMode(
            org.deeplearning4j.nn.conf.ConvolutionMode.Same).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
            .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
        .setInputType(InputType.convolutional(height, width, channels))
        .build();
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    return network;
  }

  /** One optimizer step on a batch: images {@code [n, c, h, w]} in [-1, 1], one-hot labels {@code [n, classes]}. */
  public static double trainStep(MultiLayerNetwork classifier, INDArray images, INDArray labels) {
    classifier.fit(new DataSet(images.castTo(DataType.FLOAT), labels.castTo(DataType.FLOAT)));
    return classifier.score();
  }

  /** The fraction of {@code images} whose most probable class is the labelled one. */
  public static double accuracy(MultiLayerNetwork classifier, INDArray images, INDArray labels) {
    long correct = 0;
    for (long start = 0; start < images.size(0); start += FeatureExtractor.BATCH) {
      long end = Math.min(images.size(0), start + FeatureExtractor.BATCH);
      INDArray predicted = classifier.output(FeatureExtractor.rows(images, start, end).castTo(DataType.FLOAT), false)
          .argMax(1);
      INDArray actual = FeatureExtractor.rows(labels, start, end).argMax(1);
      correct += predicted.eq(actual).castTo(DataType.INT).sumNumber().longValue();
    }
    return correct / (double) images.size(0);
  }
}
