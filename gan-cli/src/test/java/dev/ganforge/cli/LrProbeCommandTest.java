package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LrProbeCommandTest {
  @TempDir Path directory;

  @Test
  void tellsRatesThatConvergeFromTooSmallAndDivergingOnesAndRecommendsTheLargestThatConverges() throws Exception {
    Path plot = directory.resolve("probe.png");

    GanCli.Result result = GanCli.run("lr-probe", GanCli.repository().resolve("examples/gaussian-ring.yaml").toString(),
        "--learning-rates", "1e-5,1e-3,10", "--steps", "100", "--plot", plot.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("1\\.0E-5 +\\S+ +\\S+ +did not converge")
        .containsPattern("0\\.001 +\\S+ +\\S+ +converged")
        .containsPattern("10\\.0 +\\S+ +\\S+ +diverged at step \\d+")
        .contains("recommended: 0.001 (the largest rate that converged)");
    assertThat(ImageIO.read(plot.toFile())).isNotNull();
  }
}
