package dev.ganforge.losses;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code D(x) = w2 . lrelu(W x + b1)} in float64 (2 inputs, 3 hidden units, DL4J's LeakyReLU slope
 * 0.01, no output bias) on 8 anchors, the first of which is the origin, so that its first hidden unit's
 * pre-activation is exactly {@code b1[0]}: a kink crossed by the penalty's finite-difference step when
 * that is tiny, a kink at the anchor when it is 0.
 *
 * <p>The reference is R1's parameter gradient in closed form ({@code gamma = 1}) with each activation
 * pattern held as at the anchors, which is what autodiff computes: with {@code s_i = lrelu'(z_i)} and
 * {@code g_i = W (w2 * s_i)}, {@code P = 1/(2n) sum_i |g_i|^2},
 * {@code dP/dW[:, k] = 1/n sum_i w2_k s_ik g_i}, {@code dP/dw2_k = 1/n sum_i s_ik W[:, k] . g_i}, and
 * nothing for the biases (the pattern is constant in them).
 */
record KinkedCritic(MultiLayerNetwork network, INDArray anchors) {
  private static final double SLOPE = 0.01;
  private static final int N = 8;

  static KinkedCritic withFirstUnitAt(double preActivation) {
    MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
        .seed(1)
        .dataType(DataType.DOUBLE)
        .list()
        .layer(new DenseLayer.Builder().nOut(3).activation(Activation.LEAKYRELU).build())
        .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).hasBias(false).build())
        .setInputType(InputType.feedForward(2))
        .build();
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    network.getLayer(0).getParam("W").assign(Nd4j.createFromArray(new double[][] {{1.0, -0.5, 0.3}, {0.8, 0.4, -1.2}}));
    network.getLayer(0).getParam("b").assign(Nd4j.createFromArray(new double[][] {{preActivation, 0.2, -0.1}}));
    network.getLayer(1).getParam("W").assign(Nd4j.createFromArray(new double[][] {{1.5}, {-0.7}, {0.9}}));
    INDArray anchors = Nd4j.createFromArray(new double[][] {
        {0, 0}, {0.9, -0.3}, {-1.1, 0.6}, {0.4, 1.3}, {-0.5, -0.8}, {1.2, 0.7}, {-0.2, 1.0}, {0.6, -1.4}});
    return new KinkedCritic(network, anchors);
  }

  /** R1's closed-form parameter gradient, without the terms of anchor {@code dropped} (-1: none). */
  INDArray closedFormGradient(int dropped) {
    double[][] w = network.getLayer(0).getParam("W").toDoubleMatrix(); // [2][3]
    double[] b = network.getLayer(0).getParam("b").toDoubleVector();
    double[] w2 = network.getLayer(1).getParam("W").toDoubleVector();
    double[][] x = anchors.toDoubleMatrix();
    double[][] dW = new double[2][3];
    double[] dW2 = new double[3];
    for (int i = 0; i < N; i++) {
      if (i == dropped) {
        continue;
      }
      double[] s = new double[3];
      double[] g = new double[2];
      for (int k = 0; k < 3; k++) {
        double z = x[i][0] * w[0][k] + x[i][1] * w[1][k] + b[k];
        s[k] = z > 0 ? 1 : SLOPE;
        for (int a = 0; a < 2; a++) {
          g[a] += w[a][k] * w2[k] * s[k];
        }
      }
      for (int k = 0; k < 3; k++) {
        for (int a = 0; a < 2; a++) {
          dW[a][k] += g[a] * w2[k] * s[k] / N;
          dW2[k] += s[k] * w[a][k] * g[a] / N;
        }
      }
    }
    MultiLayerNetwork layout = network.clone();
    layout.params().assign(0);
    layout.getLayer(0).getParam("W").assign(Nd4j.createFromArray(dW));
    layout.getLayer(1).getParam("W").assign(Nd4j.createFromArray(dW2).reshape(3, 1));
    return layout.params().dup();
  }
}
