package dev.ganforge.losses;

import static dev.ganforge.core.testing.LossContract.assertDerivativesMatchFiniteDifferences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.core.testing.TestRandom;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** AC-GAN's loss: the non-saturating loss on column 0 plus a softmax cross-entropy on the class logits. */
final class AuxiliaryClassifierLossTest {
  private static final double LOG2 = Math.log(2);
  private static final AuxiliaryClassifierLoss.Config DEFAULTS = new AuxiliaryClassifierLoss.Config(null, null, null);
  /** Three samples of three classes: 1, 2, 0 (real) and 0, 0, 2 (fake). */
  private static final INDArray REAL_LABELS = oneHot(1, 2, 0);
  private static final INDArray FAKE_LABELS = oneHot(0, 0, 2);
  /** [score, logit 0, logit 1, logit 2], with large logits to exercise the max shift. */
  private static final INDArray REAL = matrix(new double[][] {{2.5, 0.3, -1.2, 40.0}, {-0.7, 2.0, 0.1, -0.5},
      {0.3, -3.0, 1.5, 0.2}});
  private static final INDArray FAKE = matrix(new double[][] {{-3.0, 1.0, 1.0, -1.0}, {0.4, -0.2, 0.9, 0.0},
      {-0.2, 0.5, -45.0, 2.2}});

  @Test
  void isDiscoveredAndItsConfigRoundTrips() {
    PluginContracts.assertDiscovered(PluginKind.LOSS, "auxiliary-classifier", AuxiliaryClassifierLoss.Provider.class);
    PluginContracts.assertRoundTrip(LossConfig.class, "{type: auxiliary-classifier}",
        new AuxiliaryClassifierLoss.Config(1.0, true, 1.0));
    PluginContracts.assertRoundTrip(LossConfig.class,
        "{type: auxiliary-classifier, classWeight: 0.5, classifyFakes: false}",
        new AuxiliaryClassifierLoss.Config(0.5, false, 1.0));
  }

  @Test
  void asksTheDiscriminatorForOneScoreAndOneLogitPerClass() {
    AuxiliaryClassifierLoss loss = new AuxiliaryClassifierLoss(DEFAULTS, 10);

    assertThat(loss.scoresPerSample()).isEqualTo(11);
    assertThat(loss.usesLabels()).isTrue();
  }

  @Test
  void anUndecidedDiscriminatorCostsLogTwoPerSourceAndLogKPerClassification() {
    // All outputs 0: sigmoid 1/2 and a uniform softmax over K = 3 classes.
    AuxiliaryClassifierLoss loss = new AuxiliaryClassifierLoss(DEFAULTS, 3);
    INDArray zeros = Nd4j.zeros(DataType.DOUBLE, 3, 4);

    assertThat(loss.discriminatorLoss(scores(zeros, zeros)).value()).isCloseTo(2 * LOG2 + 2 * Math.log(3), within(1e-12));
    assertThat(loss.generatorLoss(scores(zeros, zeros)).value()).isCloseTo(LOG2 + Math.log(3), within(1e-12));
  }

  @Test
  void valuesMatchTheFormulaWrittenOutSampleBySample() {
    // Independent of the implementation's vector code: scalar logs and exps, label by label.
    double[][] real = REAL.toDoubleMatrix();
    double[][] fake = FAKE.toDoubleMatrix();
    int[] realClasses = {1, 2, 0};
    int[] fakeClasses = {0, 0, 2};
    double realSource = 0;
    double fakeSource = 0;
    double fakeFooled = 0;
    double realClass = 0;
    double fakeClass = 0;
    for (int i = 0; i < 3; i++) {
      realSource += softplus(-real[i][0]) / 3; // -log sigmoid(r)
      fakeSource += softplus(fake[i][0]) / 3; // -log (1 - sigmoid(f))
      fakeFooled += softplus(-fake[i][0]) / 3;
      realClass += crossEntropy(real[i], realClasses[i]) / 3;
      fakeClass += crossEntropy(fake[i], fakeClasses[i]) / 3;
    }

    assertThat(new AuxiliaryClassifierLoss(DEFAULTS, 3).discriminatorLoss(scores(REAL, FAKE)).value())
        .isCloseTo(realSource + fakeSource + realClass + fakeClass, within(1e-9));
    assertThat(new AuxiliaryClassifierLoss(DEFAULTS, 3).generatorLoss(scores(REAL, FAKE)).value())
        .isCloseTo(fakeFooled + fakeClass, within(1e-9));
    AuxiliaryClassifierLoss weighted = new AuxiliaryClassifierLoss(new AuxiliaryClassifierLoss.Config(0.3, false, 1.0), 3);
    assertThat(weighted.discriminatorLoss(scores(REAL, FAKE)).value())
        .isCloseTo(realSource + fakeSource + 0.3 * realClass, within(1e-9));
    assertThat(weighted.generatorLoss(scores(REAL, FAKE)).value())
        .isCloseTo(fakeFooled + 0.3 * fakeClass, within(1e-9));
  }

  /** log(1 + e^x), stable for large |x|. */
  private static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** -log softmax(row[1..])[c], by log-sum-exp over the class logits. */
  private static double crossEntropy(double[] row, int c) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 1; k < row.length; k++) {
      max = Math.max(max, row[k]);
    }
    double sum = 0;
    for (int k = 1; k < row.length; k++) {
      sum += Math.exp(row[k] - max);
    }
    return max + Math.log(sum) - row[1 + c];
  }

  @Test
  void derivativesMatchFiniteDifferences() {
    assertDerivativesMatchFiniteDifferences(new AuxiliaryClassifierLoss(DEFAULTS, 3), REAL, FAKE, REAL_LABELS,
        FAKE_LABELS);
    assertDerivativesMatchFiniteDifferences(
        new AuxiliaryClassifierLoss(new AuxiliaryClassifierLoss.Config(0.3, false, 0.9), 3), REAL, FAKE,
        REAL_LABELS, FAKE_LABELS);
  }

  @Test
  void withoutClassifyingFakesTheFakeLogitsGetNoGradientFromD() {
    LossValue value = new AuxiliaryClassifierLoss(new AuxiliaryClassifierLoss.Config(1.0, false, 1.0), 3)
        .discriminatorLoss(scores(REAL, FAKE));

    assertThat(value.fakeGradient().get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4)).amaxNumber().doubleValue())
        .isZero();
  }

  @Test
  void needsLabelledData() {
    assertThatThrownBy(() -> new AuxiliaryClassifierLoss.Provider().create(DEFAULTS,
        PluginContracts.context(DataType.DOUBLE)))
        .hasMessageContaining("the data has no class labels");
  }

  private static Scores scores(INDArray real, INDArray fake) {
    return new Scores(Optional.of(real), fake, Optional.of(REAL_LABELS), Optional.of(FAKE_LABELS), Map.of(),
        Map.of(), 0, new TestRandom(1));
  }

  private static INDArray matrix(double[][] values) {
    return Nd4j.createFromArray(values).castTo(DataType.DOUBLE);
  }

  private static INDArray oneHot(int... classes) {
    INDArray labels = Nd4j.zeros(DataType.DOUBLE, classes.length, 3);
    for (int i = 0; i < classes.length; i++) {
      labels.putScalar(i, classes[i], 1.0);
    }
    return labels;
  }
}
