package dev.ganforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.DatasetInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

final class GaussianGridSourceTest {

  @Test
  void theDefaultGridHasTwentyFiveModesAtEvenCoordinatesFromMinusFourToFour() {
    DatasetInfo info = DataSources.open(new GaussianGridConfig(null, null, null), 1, DataType.DOUBLE).info();

    assertThat(info.name()).isEqualTo("gaussian-grid");
    assertThat(info.sampleShape()).containsExactly(2L);
    assertThat(info.classCount()).isZero();
    assertThat(info.modeStddev()).isEqualTo(0.05);
    List<List<Double>> centers = Arrays.stream(info.modeCenters().orElseThrow().toDoubleMatrix())
        .map(row -> List.of(row[0], row[1]))
        .toList();
    List<List<Double>> expected = new ArrayList<>();
    for (double x : new double[] {-4, -2, 0, 2, 4}) {
      for (double y : new double[] {-4, -2, 0, 2, 4}) {
        expected.add(List.of(x, y));
      }
    }
    assertThat(centers).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void anEvenSideIsCentredOnTheOrigin() {
    // Side 2, spacing 3: coordinates 3 (i - 1/2) = -1.5 and 1.5.
    assertThat(GaussianGridSource.centers(2, 3.0))
        .isDeepEqualTo(new double[][] {{-1.5, -1.5}, {-1.5, 1.5}, {1.5, -1.5}, {1.5, 1.5}});
  }

  @Test
  void theDefaultGridMatchesItsMixtureDistribution() {
    // Neighbouring modes are 2 apart, 40 standard deviations of 0.05.
    DataSource source = DataSources.open(new GaussianGridConfig(null, null, null), 9, DataType.DOUBLE);

    INDArray samples = source.next(50_000).features();

    assertThat(samples.shape()).containsExactly(50_000, 2);
    MixtureStatistics.assertMatchesMixture(samples, GaussianGridSource.centers(5, 2.0), 0.05);
  }

  @Test
  void aCoarserGridMatchesItsMixtureDistributionToo() {
    // Neighbouring modes are 1 apart, 33 standard deviations of 0.03.
    DataSource source = DataSources.open(new GaussianGridConfig(3, 1.0, 0.03), 4, DataType.FLOAT);

    MixtureStatistics.assertMatchesMixture(
        source.next(20_000).features(), GaussianGridSource.centers(3, 1.0), 0.03);
  }
}
