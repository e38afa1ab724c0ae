package dev.ganforge.progressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The real images a level trains on, computed pixel by pixel as Karras et al.'s {@code process_reals}
 * does for data of that level's resolution: the data average-pooled to the level ({@code dataset_tool.py}
 * makes the lower resolutions by 2x2 means), blended during a fade with its own 2x-downsampled copy by
 * {@code lod - floor(lod) = 1 - alpha}, then repeated up to the final size.
 */
final class RealImagesTest {

  /** The mean of x's {@code f x f} block holding pixel (i, j), for one image {@code [h][w]}. */
  private static double blockMean(double[][] x, int f, int i, int j) {
    int a = i / f * f;
    int b = j / f * f;
    double sum = 0;
    for (int u = 0; u < f; u++) {
      for (int v = 0; v < f; v++) {
        sum += x[a + u][b + v];
      }
    }
    return sum / (f * f);
  }

  private static double[][] image(INDArray batch) {
    int h = (int) batch.size(2);
    double[][] x = new double[h][h];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < h; j++) {
        x[i][j] = batch.getDouble(0, 0, i, j);
      }
    }
    return x;
  }

  @Test
  void aStableLevelSeesTheDataAtItsResolution() {
    INDArray data = Nd4j.rand(DataType.DOUBLE, 1, 1, 8, 8);
    double[][] x = image(data);

    INDArray real = ProgressiveSchedule.blend(data, 4, 1.0);

    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        assertThat(real.getDouble(0, 0, i, j)).isCloseTo(blockMean(x, 4, i, j), within(1e-15));
      }
    }
  }

  @Test
  void aFadingLevelCrossFadesWithTheLevelBelow() {
    INDArray data = Nd4j.rand(DataType.DOUBLE, 1, 1, 8, 8);
    double[][] x = image(data);
    double alpha = 0.3;

    // The level fading in is 4x4 (factor 2); the level below it is 2x2 (the 4x4 image's 2x2 means).
    INDArray real = ProgressiveSchedule.blend(data, 2, alpha);

    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        double fine = blockMean(x, 2, i, j);
        double coarse = blockMean(x, 4, i, j); // means of 2x2 means of 2x2 blocks: the 4x4 block's mean
        assertThat(real.getDouble(0, 0, i, j)).as("pixel " + i + ", " + j)
            .isCloseTo(alpha * fine + (1 - alpha) * coarse, within(1e-15));
      }
    }
  }

  @Test
  void atTheFinalLevelTheDataIsUntouched() {
    INDArray data = Nd4j.rand(DataType.DOUBLE, 2, 3, 8, 8);
    assertThat(ProgressiveSchedule.blend(data, 1, 1.0)).isEqualTo(data);
  }
}
