package dev.ganforge.progressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A level fading in, against the two levels it blends: the generator's image is {@code alpha} times the
 * new level's image plus {@code 1 - alpha} times the previous level's, upsampled; the discriminator's
 * features after the new block are the same blend of the new path's and the old path's (checked through
 * affine layers after it, which carry a blend of their inputs to the same blend of their outputs). The
 * two levels' networks are plain chains of DL4J layers holding the same weights.
 */
final class FadeInTest {
  private static final List<Integer> LEVELS = List.of(4, 8);
  private static final LevelOfDetail AT_FOUR = new LevelOfDetail(1, 4);
  private static final LevelOfDetail FADING = new LevelOfDetail(0.5, 8);
  private static final LevelOfDetail AT_EIGHT = new LevelOfDetail(0, 8);

  private static LevelNetworks levels(boolean linearEnd) {
    return LevelNetworks.of(Networks.generator(), Networks.discriminator(linearEnd), Networks.SAMPLE, LEVELS);
  }

  private static void setAlpha(MultiLayerNetwork network, double alpha) {
    for (Layer layer : network.getLayers()) {
      if (layer.conf().getLayer() instanceof FadeMerge) {
        layer.getParam(FadeMerge.ALPHA).assign(alpha);
      }
    }
  }

  /** Weights as if trained: uniform in [-1, 1]. */
  private static void randomize(MultiLayerNetwork network, long seed) {
    Nd4j.getRandom().setSeed(seed);
    network.params().assign(Nd4j.rand(DataType.DOUBLE, network.params().shape()).subi(0.5).muli(2));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 0.5, 1})
  void theGeneratorsImageIsTheBlendOfBothLevelsImages(double alpha) {
    LevelNetworks levels = levels(false);
    MultiLayerNetwork fading = levels.generator(FADING, Networks.generator());
    randomize(fading, 3);
    setAlpha(fading, alpha);
    MultiLayerNetwork previous = levels.generator(AT_FOUR, fading);
    MultiLayerNetwork next = levels.generator(AT_EIGHT, fading);
    INDArray z = Nd4j.randn(DataType.DOUBLE, 5, Networks.LATENT);

    INDArray expected = next.output(z).mul(alpha).addi(previous.output(z).mul(1 - alpha));

    INDArray actual = fading.output(z);
    assertThat(actual.shape()).containsExactly(5, 1, 8, 8);
    assertThat(maxDifference(actual, expected)).isLessThan(1e-12);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 0.5, 1})
  void theDiscriminatorsFeaturesAreTheBlendOfBothPaths(double alpha) {
    LevelNetworks levels = levels(true);
    MultiLayerNetwork fading = levels.discriminator(FADING, Networks.discriminator(true));
    randomize(fading, 4);
    setAlpha(fading, alpha);
    MultiLayerNetwork previous = levels.discriminator(AT_FOUR, fading);
    MultiLayerNetwork next = levels.discriminator(AT_EIGHT, fading);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 1, 8, 8);

    INDArray expected = next.output(x).mul(alpha).addi(previous.output(x).mul(1 - alpha));

    assertThat(maxDifference(fading.output(x), expected)).isLessThan(1e-12);
  }

  @Test
  void thePreviousLevelReadsTheImageAveragePooled() {
    LevelNetworks levels = levels(true);
    MultiLayerNetwork previous = levels.discriminator(AT_FOUR, Networks.discriminator(true));
    INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 1, 8, 8);
    // The 4x4 image whose pixels are the means of x's 2x2 blocks, shown at 8x8, reads the same.
    INDArray pooled = Nd4j.zeros(DataType.DOUBLE, 2, 1, 8, 8);
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
          int a = i / 2 * 2;
          int b = j / 2 * 2;
          pooled.putScalar(new long[] {n, 0, i, j}, (x.getDouble(n, 0, a, b) + x.getDouble(n, 0, a + 1, b)
              + x.getDouble(n, 0, a, b + 1) + x.getDouble(n, 0, a + 1, b + 1)) / 4);
        }
      }
    }
    assertThat(maxDifference(previous.output(x), previous.output(pooled))).isLessThan(1e-12);
  }

  /**
   * The fade's hand-written backward passes (branch, switch, merge), against float64 central differences
   * of the summed output weighted by fixed random numbers: the input gradient and every trainable
   * parameter's gradient.
   */
  @ParameterizedTest
  @ValueSource(strings = {"generator", "discriminator"})
  void gradientsThroughAFadeMatchFiniteDifferences(String role) {
    LevelNetworks levels = levels(false);
    boolean generator = role.equals("generator");
    MultiLayerNetwork fading = generator ? levels.generator(FADING, Networks.generator())
        : levels.discriminator(FADING, Networks.discriminator(false));
    randomize(fading, 5);
    setAlpha(fading, 0.3);
    INDArray input = generator ? Nd4j.randn(DataType.DOUBLE, 3, Networks.LATENT)
        : Nd4j.randn(DataType.DOUBLE, 3, 1, 8, 8);
    INDArray weights = Nd4j.randn(DataType.DOUBLE, fading.output(input).shape());

    fading.setInput(input);
    fading.feedForward(true, false); // keeps each layer's input for the backward pass
    Pair<Gradient, INDArray> backward = fading.backpropGradient(weights, LayerWorkspaceMgr.noWorkspaces());
    INDArray parameterGradient = fading.getGradientsViewArray().dup();
    INDArray inputGradient = backward.getSecond().dup();

    double h = 1e-6;
    for (int i = 0; i < input.length(); i++) {
      double x = input.getDouble(i);
      input.putScalar(i, x + h);
      double plus = objective(fading, input, weights);
      input.putScalar(i, x - h);
      double minus = objective(fading, input, weights);
      input.putScalar(i, x);
      assertThat(inputGradient.getDouble(i)).as("input " + i).isCloseTo((plus - minus) / (2 * h), within(1e-7));
    }
    INDArray params = fading.params();
    for (int i = 0; i < params.length(); i++) {
      double p = params.getDouble(i);
      params.putScalar(i, p + h);
      double plus = objective(fading, input, weights);
      params.putScalar(i, p - h);
      double minus = objective(fading, input, weights);
      params.putScalar(i, p);
      if (isAlpha(fading, i)) {
        continue; // alpha is state the schedule sets; its gradient is zero by design
      }
      assertThat(parameterGradient.getDouble(i)).as("parameter " + i).isCloseTo((plus - minus) / (2 * h),
          within(1e-7));
    }
  }

  private static boolean isAlpha(MultiLayerNetwork network, int index) {
    for (Layer layer : network.getLayers()) {
      if (layer.conf().getLayer() instanceof FadeMerge) {
        INDArray alpha = layer.getParam(FadeMerge.ALPHA);
        return alpha.offset() - network.params().offset() == index;
      }
    }
    return false;
  }

  private static double objective(MultiLayerNetwork network, INDArray input, INDArray weights) {
    return network.output(input, true).mul(weights).sumNumber().doubleValue();
  }

  /**
   * Growing keeps what was learned: every layer of the smaller network that the grown one keeps has its
   * weights bit for bit, and the new level's block starts from the config's initial weights.
   */
  @Test
  void growthKeepsTheTrainedWeightsBitForBitAndStartsTheNewBlockFromItsInitialWeights() {
    MultiLayerNetwork initialGenerator = Networks.generator();
    MultiLayerNetwork initialDiscriminator = Networks.discriminator(false);
    LevelNetworks levels = LevelNetworks.of(initialGenerator, initialDiscriminator, Networks.SAMPLE, LEVELS);
    for (boolean generator : new boolean[] {true, false}) {
      MultiLayerNetwork initial = generator ? initialGenerator : initialDiscriminator;
      MultiLayerNetwork small = generator ? levels.generator(AT_FOUR, initial) : levels.discriminator(AT_FOUR, initial);
      randomize(small, 6); // as if trained
      MultiLayerNetwork fading = generator ? levels.generator(FADING, small) : levels.discriminator(FADING, small);
      assertKept(small, fading, initial);
      randomize(fading, 7);
      MultiLayerNetwork grown = generator ? levels.generator(AT_EIGHT, fading) : levels.discriminator(AT_EIGHT, fading);
      assertKept(fading, grown, initial);
      assertThat(grown.getLayerWiseConfigurations().getConfs().stream().map(c -> c.getLayer().getLayerName()))
          .as("the final level is the config's network")
          .containsExactlyElementsOf(initial.getLayerWiseConfigurations().getConfs().stream()
              .map(c -> c.getLayer().getLayerName()).toList());
    }
  }

  private static void assertKept(MultiLayerNetwork before, MultiLayerNetwork after, MultiLayerNetwork initial) {
    int kept = 0;
    for (Layer layer : after.getLayers()) {
      String name = layer.conf().getLayer().getLayerName();
      Layer old = find(before, name);
      Layer original = find(initial, name);
      if (layer.numParams() == 0) {
        continue;
      }
      if (old != null) {
        for (String key : layer.paramTable().keySet()) {
          assertThat(layer.getParam(key)).as(name + " " + key).isEqualTo(old.getParam(key));
        }
        kept++;
      } else if (original != null) {
        for (String key : layer.paramTable().keySet()) {
          assertThat(layer.getParam(key)).as(name + " " + key + " starts at its initial weights")
              .isEqualTo(original.getParam(key));
        }
      }
    }
    assertThat(kept).isPositive();
  }

  private static Layer find(MultiLayerNetwork network, String name) {
    for (Layer layer : network.getLayers()) {
      if (name.equals(layer.conf().getLayer().getLayerName())) {
        return layer;
      }
    }
    return null;
  }

  private static double maxDifference(INDArray a, INDArray b) {
    return a.sub(b).amaxNumber().doubleValue();
  }
}
