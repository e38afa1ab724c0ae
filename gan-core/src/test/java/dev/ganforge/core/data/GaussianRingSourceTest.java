package dev.ganforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.DatasetInfo;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

final class GaussianRingSourceTest {
  private static final GaussianRingConfig RING = new GaussianRingConfig(null, null, null);

  @Test
  void describesTheRingItDraws() {
    DatasetInfo info = DataSources.open(new GaussianRingConfig(4, 2.0, 0.1), 1, DataType.FLOAT).info();

    assertThat(info.name()).isEqualTo("gaussian-ring");
    assertThat(info.sampleShape()).containsExactly(2L);
    assertThat(info.classCount()).isZero();
    assertThat(info.modeStddev()).isEqualTo(0.1);
    INDArray centers = info.modeCenters().orElseThrow();
    assertThat(centers.dataType()).isEqualTo(DataType.FLOAT);
    assertThat(centers.toDoubleMatrix()).satisfies(rows -> {
      // Mode k at angle 2 pi k / 4: (2, 0), (0, 2), (-2, 0), (0, -2).
      double[][] expected = {{2, 0}, {0, 2}, {-2, 0}, {0, -2}};
      for (int k = 0; k < 4; k++) {
        assertThat(rows[k][0]).isCloseTo(expected[k][0], within(1e-6));
        assertThat(rows[k][1]).isCloseTo(expected[k][1], within(1e-6));
      }
    });
  }

  @Test
  void theDefaultRingMatchesItsMixtureDistribution() {
    // 8 modes of radius 1: neighbours are 2 sin(pi / 8) = 0.77 apart, 77 standard deviations of 0.01.
    DataSource source = DataSources.open(RING, 42, DataType.DOUBLE);

    INDArray samples = source.next(40_000).features();

    assertThat(samples.shape()).containsExactly(40_000, 2);
    MixtureStatistics.assertMatchesMixture(samples, GaussianRingSource.centers(8, 1.0), 0.01);
  }

  @Test
  void aWideRingMatchesItsMixtureDistributionToo() {
    // 5 modes of radius 10: neighbours 11.8 apart, 39 standard deviations of 0.3.
    DataSource source = DataSources.open(new GaussianRingConfig(5, 10.0, 0.3), 3, DataType.DOUBLE);

    MixtureStatistics.assertMatchesMixture(
        source.next(20_000).features(), GaussianRingSource.centers(5, 10.0), 0.3);
  }

  @Test
  void fixedSamplesFollowTheSameDistribution() {
    DataSource source = DataSources.open(RING, 42, DataType.DOUBLE);

    MixtureStatistics.assertMatchesMixture(
        source.fixedSamples(20_000), GaussianRingSource.centers(8, 1.0), 0.01);
  }

  @Test
  void batchesComeInTheRequestedDataType() {
    assertThat(DataSources.open(RING, 1, DataType.FLOAT).next(3).features().dataType())
        .isEqualTo(DataType.FLOAT);
    assertThat(DataSources.open(RING, 1, DataType.DOUBLE).next(3).features().dataType())
        .isEqualTo(DataType.DOUBLE);
    assertThat(DataSources.open(RING, 1, DataType.HALF).fixedSamples(3).dataType())
        .isEqualTo(DataType.HALF);
  }

  @Test
  void thePositionCountsSamplesAndCarriesTheGeneratorState() {
    DataSource source = DataSources.open(RING, 1, DataType.FLOAT);
    long before = source.position().randomState();

    source.next(5);
    source.next(6);

    assertThat(source.position().epoch()).isZero();
    assertThat(source.position().cursor()).isEqualTo(11);
    assertThat(source.position().randomState()).isNotEqualTo(before);
  }
}
