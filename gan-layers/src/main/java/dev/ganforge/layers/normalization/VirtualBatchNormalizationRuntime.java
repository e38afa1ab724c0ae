package dev.ganforge.layers.normalization;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Virtual batch normalization at run time, after the VBN of Salimans et al.'s released code. Rows
 * {@code 0..R-1} of the input are the reference batch, the rest the samples; per channel {@code c}, with
 * {@code P} pixels per channel (1 for vectors):
 * <pre>
 *   reference:  mu_ref = mean of x over the R reference rows and their pixels, s_ref = the same of x^2
 *   reference row:  mean mu_ref, mean square s_ref
 *   sample i:   mean (m_i + R mu_ref) / (R + 1), mean square (q_i + R s_ref) / (R + 1),
 *               with m_i, q_i the mean of x_i and of x_i^2 over its own pixels
 *   y = gamma (x - mean) / sqrt(meanSquare - mean^2 + epsilon) + beta
 * </pre>
 * The backward pass differentiates all of it, the reference statistics included, so the gradient reaches
 * the reference rows and, through them, the weights of the layers before. The network's last such layer
 * outputs the sample rows only. Computed in float64 whatever the network's type.
 */
final class VirtualBatchNormalizationRuntime extends BaseLayer<VirtualBatchNormalization> {

  VirtualBatchNormalizationRuntime(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** The input as {@code [rows][channels][pixels]} in float64, with the statistics of each row. */
  private final class Normalization {
    final long[] shape;
    final int rows;
    final int channels;
    final int pixels;
    final int reference;
    final double[] x;
    final double[] mean;
    final double[] deviation;
    final double[] referenceMean;
    final double[] referenceSquare;

    Normalization(INDArray in) {
      shape = in.shape();
      rows = (int) shape[0];
      channels = (int) shape[1];
      pixels = (int) (in.length() / rows / channels);
      reference = layerConf().getReferenceSize();
      if (rows <= reference) {
        throw new IllegalStateException("virtual-batch-norm expects its " + reference + " reference rows "
            + "ahead of the samples, got " + rows + " rows; the engine adds them to networks it assembles");
      }
      x = in.castTo(DataType.DOUBLE).dup('c').data().asDouble();
      referenceMean = new double[channels];
      referenceSquare = new double[channels];
      for (int r = 0; r < reference; r++) {
        for (int c = 0; c < channels; c++) {
          for (int p = 0; p < pixels; p++) {
            double v = x[index(r, c, p)];
            referenceMean[c] += v / ((double) reference * pixels);
            referenceSquare[c] += v * v / ((double) reference * pixels);
          }
        }
      }
      mean = new double[rows * channels];
      deviation = new double[rows * channels];
      double own = 1.0 / (reference + 1);
      for (int n = 0; n < rows; n++) {
        for (int c = 0; c < channels; c++) {
          double mu = referenceMean[c];
          double square = referenceSquare[c];
          if (n >= reference) {
            double m = 0;
            double q = 0;
            for (int p = 0; p < pixels; p++) {
              double v = x[index(n, c, p)];
              m += v / pixels;
              q += v * v / pixels;
            }
            mu = own * m + (1 - own) * mu;
            square = own * q + (1 - own) * square;
          }
          mean[n * channels + c] = mu;
          deviation[n * channels + c] = Math.sqrt(square - mu * mu + layerConf().getEpsilon());
        }
      }
    }

    int index(int n, int c, int p) {
      return (n * channels + c) * pixels + p;
    }

    double normalized(int n, int c, int p) {
      return (x[index(n, c, p)] - mean[n * channels + c]) / deviation[n * channels + c];
    }

    /** The first row the output holds: past the reference when this layer drops it. */
    int firstOutputRow() {
      return layerConf().isDropsReference() ? reference : 0;
    }

    long[] outputShape() {
      long[] out = shape.clone();
      out[0] = rows - firstOutputRow();
      return out;
    }
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    Normalization norm = new Normalization(input);
    double[] gamma = params.get(VirtualBatchNormalization.GAMMA).castTo(DataType.DOUBLE).toDoubleVector();
    double[] beta = params.get(VirtualBatchNormalization.BETA).castTo(DataType.DOUBLE).toDoubleVector();
    int first = norm.firstOutputRow();
    double[] y = new double[(norm.rows - first) * norm.channels * norm.pixels];
    for (int n = first; n < norm.rows; n++) {
      for (int c = 0; c < norm.channels; c++) {
        for (int p = 0; p < norm.pixels; p++) {
          y[norm.index(n - first, c, p)] = gamma[c] * norm.normalized(n, c, p) + beta[c];
        }
      }
    }
    INDArray output = Nd4j.create(y, norm.outputShape(), 'c').castTo(dataType);
    return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, output);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    Normalization norm = new Normalization(input);
    double[] gamma = params.get(VirtualBatchNormalization.GAMMA).castTo(DataType.DOUBLE).toDoubleVector();
    double[] dy = epsilon.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    int first = norm.firstOutputRow();
    int channels = norm.channels;
    int pixels = norm.pixels;
    int reference = norm.reference;
    double own = 1.0 / (reference + 1);
    double[] dx = new double[norm.x.length];
    double[] dGamma = new double[channels];
    double[] dBeta = new double[channels];
    double[] dReferenceMean = new double[channels];
    double[] dReferenceSquare = new double[channels];
    for (int n = first; n < norm.rows; n++) {
      for (int c = 0; c < channels; c++) {
        double mu = norm.mean[n * channels + c];
        double sigma = norm.deviation[n * channels + c];
        double dSigma = 0;
        double dMean = 0;
        for (int p = 0; p < pixels; p++) {
          double g = dy[norm.index(n - first, c, p)];
          double centred = norm.x[norm.index(n, c, p)] - mu;
          dGamma[c] += g * centred / sigma;
          dBeta[c] += g;
          double dNormalized = g * gamma[c];
          dx[norm.index(n, c, p)] += dNormalized / sigma;
          dSigma -= dNormalized * centred / (sigma * sigma);
          dMean -= dNormalized / sigma;
        }
        // sigma = sqrt(meanSquare - mean^2 + epsilon)
        dMean -= dSigma * mu / sigma;
        double dSquare = dSigma / (2 * sigma);
        if (n < reference) {
          dReferenceMean[c] += dMean;
          dReferenceSquare[c] += dSquare;
        } else {
          for (int p = 0; p < pixels; p++) {
            dx[norm.index(n, c, p)] += own * (dMean + 2 * dSquare * norm.x[norm.index(n, c, p)]) / pixels;
          }
          dReferenceMean[c] += (1 - own) * dMean;
          dReferenceSquare[c] += (1 - own) * dSquare;
        }
      }
    }
    double count = (double) reference * pixels;
    for (int r = 0; r < reference; r++) {
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < pixels; p++) {
          dx[norm.index(r, c, p)] +=
              (dReferenceMean[c] + 2 * dReferenceSquare[c] * norm.x[norm.index(r, c, p)]) / count;
        }
      }
    }

    gradientViews.get(VirtualBatchNormalization.GAMMA).assign(Nd4j.createFromArray(dGamma).reshape(1, channels));
    gradientViews.get(VirtualBatchNormalization.BETA).assign(Nd4j.createFromArray(dBeta).reshape(1, channels));
    Gradient gradient = new DefaultGradient(gradientsFlattened);
    for (String key : new String[] {VirtualBatchNormalization.GAMMA, VirtualBatchNormalization.BETA}) {
      gradient.gradientForVariable().put(key, gradientViews.get(key));
    }
    INDArray inputGradient = Nd4j.create(dx, norm.shape, 'c').castTo(dataType);
    return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }
}
