package dev.ganforge.metrics.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganforge.api.RandomSource;
import dev.ganforge.core.random.SplitMixRandom;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * FID, KID, IS and precision/recall against values computed outside the project
 * ({@code fixtures/make_fixtures.py}: numpy and scipy) and against closed forms.
 */
final class StatisticsAgainstReferencesTest {
  private static JsonNode fixture;
  private static INDArray real;
  private static INDArray fake;

  @BeforeAll
  static void readFixture() throws Exception {
    try (InputStream in = StatisticsAgainstReferencesTest.class.getResourceAsStream("/fixtures/features.json")) {
      fixture = new ObjectMapper().readTree(in);
    }
    real = matrix(fixture.get("real"));
    fake = matrix(fixture.get("fake"));
  }

  private static INDArray matrix(JsonNode rows) {
    double[][] values = new double[rows.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = new double[rows.get(i).size()];
      for (int j = 0; j < values[i].length; j++) {
        values[i][j] = rows.get(i).get(j).asDouble();
      }
    }
    return Nd4j.createFromArray(values);
  }

  @Test
  void fidMatchesScipy() {
    double fid = FrechetDistance.between(GaussianStatistics.of(real), GaussianStatistics.of(fake));

    // scipy's sqrtm of the non-symmetric product is accurate to about 1e-12 relative here; both are float64
    assertThat(fid).isCloseTo(fixture.get("fid").asDouble(), within(1e-8 * fixture.get("fid").asDouble()));
    assertThat(FrechetDistance.between(GaussianStatistics.of(real), GaussianStatistics.of(real)))
        .isCloseTo(0, within(1e-9));
  }

  @Test
  void fidOfGaussiansFollowsTheClosedForm() {
    // Diagonal covariances: |mu1 - mu2|^2 + sum (sqrt(a) - sqrt(b))^2; rotating both by the same R keeps it.
    double[] a = {4, 1, 0.25};
    double[] b = {1, 9, 0.25};
    double expected = 1 + 4 + (2 - 1) * (2 - 1) + (1 - 3) * (1 - 3);
    INDArray rotation = rotation(0.7, 0.3);
    for (INDArray r : new INDArray[] {Nd4j.eye(3).castTo(DataType.DOUBLE), rotation}) {
      GaussianStatistics first = new GaussianStatistics(Nd4j.createFromArray(1.0, 0, 0),
          r.mmul(Nd4j.diag(Nd4j.createFromArray(a))).mmul(r.transpose()), 1000);
      GaussianStatistics second = new GaussianStatistics(Nd4j.createFromArray(0.0, 2, 0),
          r.mmul(Nd4j.diag(Nd4j.createFromArray(b))).mmul(r.transpose()), 1000);
      assertThat(FrechetDistance.between(first, second)).isCloseTo(expected, within(1e-10));
    }
  }

  private static INDArray rotation(double alpha, double beta) {
    INDArray x = Nd4j.createFromArray(new double[][] {
        {1, 0, 0}, {0, Math.cos(alpha), -Math.sin(alpha)}, {0, Math.sin(alpha), Math.cos(alpha)}});
    INDArray z = Nd4j.createFromArray(new double[][] {
        {Math.cos(beta), -Math.sin(beta), 0}, {Math.sin(beta), Math.cos(beta), 0}, {0, 0, 1}});
    return x.mmul(z);
  }

  @Test
  void fidRefusesFeaturesWithNaN() {
    INDArray broken = real.dup();
    broken.putScalar(3, 4, Double.NaN);

    assertThatThrownBy(() -> FrechetDistance.between(GaussianStatistics.of(broken), GaussianStatistics.of(fake)))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void kidMatchesNumpysUnbiasedEstimate() {
    double expected = fixture.get("kid").asDouble();
    assertThat(KernelDistance.unbiasedMmd2(real, fake)).isCloseTo(expected, within(1e-10 * Math.abs(expected)));
  }

  @Test
  void kidOverSubsetsAveragesSubsetEstimatesAndIsNearZeroForOneDistribution() {
    RandomSource random = new SplitMixRandom(1);
    KernelDistance.Result same = KernelDistance.overSubsets(real.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 150)),
        real.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(150, 300)), 100, 20, random);
    KernelDistance.Result different = KernelDistance.overSubsets(real, fake, 100, 20, random);

    assertThat(same.subsetSize()).isEqualTo(100);
    assertThat(Math.abs(same.mean())).isLessThan(3 * same.stddev());
    assertThat(different.mean()).isCloseTo(fixture.get("kid").asDouble(), within(4 * different.stddev()));
    assertThat(different.mean()).isGreaterThan(10 * Math.abs(same.mean()));
  }

  @Test
  void inceptionScoreIsOneForUniformAndTheClassCountForConfidentEvenPredictions() {
    INDArray uniform = Nd4j.valueArrayOf(new long[] {1000, 10}, 0.1, DataType.DOUBLE);
    INDArray confident = Nd4j.zeros(DataType.DOUBLE, 1000, 10);
    for (int i = 0; i < 1000; i++) {
      confident.putScalar(i, i % 10, 1);
    }

    assertThat(InceptionScore.of(uniform, 10).mean()).isCloseTo(1, within(1e-12));
    InceptionScore.Result score = InceptionScore.of(confident, 10);
    assertThat(score.mean()).isCloseTo(10, within(1e-9));
    assertThat(score.stddev()).isCloseTo(0, within(1e-9));
  }

  @Test
  void inceptionScoreTakesEachSplitsOwnMarginalAsTheReleasedCodeDoes() {
    // OpenAI's inception_score: split k is preds[k N / splits : (k + 1) N / splits], p(y) its own mean,
    // exp(mean KL), then numpy's mean and (population) std over the splits. Five predictions, two splits:
    // [0, 2) and [2, 5).
    INDArray predictions = Nd4j.createFromArray(new double[][] {
        {1, 0}, {1, 0}, {0, 1}, {0.5, 0.5}, {0.2, 0.8}});

    InceptionScore.Result score = InceptionScore.of(predictions, 2);

    // Split 1: both predictions equal their marginal, KL 0, score 1.
    // Split 2: marginal ((0 + 0.5 + 0.2) / 3, (1 + 0.5 + 0.8) / 3) = (0.7/3, 2.3/3).
    double m0 = 0.7 / 3;
    double m1 = 2.3 / 3;
    double kl = (Math.log(1 / m1)
        + 0.5 * Math.log(0.5 / m0) + 0.5 * Math.log(0.5 / m1)
        + 0.2 * Math.log(0.2 / m0) + 0.8 * Math.log(0.8 / m1)) / 3;
    double second = Math.exp(kl);
    assertThat(score.mean()).isCloseTo((1 + second) / 2, within(1e-12));
    assertThat(score.stddev()).isCloseTo(Math.abs(second - 1) / 2, within(1e-12));
    // One split: the whole set's marginal (2.7 / 5, 2.3 / 5) = (0.54, 0.46), a different number.
    double whole = Math.exp((2 * Math.log(1 / 0.54) + Math.log(1 / 0.46)
        + 0.5 * Math.log(0.5 / 0.54) + 0.5 * Math.log(0.5 / 0.46)
        + 0.2 * Math.log(0.2 / 0.54) + 0.8 * Math.log(0.8 / 0.46)) / 5);
    assertThat(InceptionScore.of(predictions, 1).mean()).isCloseTo(whole, within(1e-12));
    assertThat(whole).isNotCloseTo(score.mean(), within(0.1));
  }

  @Test
  void precisionAndRecallMatchBruteForceAndTheirLimits() {
    ManifoldPrecisionRecall.Result measured = ManifoldPrecisionRecall.of(real, fake, 3);
    assertThat(measured.precision()).isEqualTo(fixture.get("precision_k3").asDouble());
    assertThat(measured.recall()).isEqualTo(fixture.get("recall_k3").asDouble());

    ManifoldPrecisionRecall.Result identical = ManifoldPrecisionRecall.of(real, real.dup(), 3);
    assertThat(identical.precision()).isEqualTo(1.0);
    assertThat(identical.recall()).isEqualTo(1.0);
    ManifoldPrecisionRecall.Result disjoint = ManifoldPrecisionRecall.of(real, real.add(100), 3);
    assertThat(disjoint.precision()).isZero();
    assertThat(disjoint.recall()).isZero();
  }
}
