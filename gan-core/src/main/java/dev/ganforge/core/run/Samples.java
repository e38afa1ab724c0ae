package dev.ganforge.core.run;

import dev.ganforge.api.DatasetInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Writes generated samples the way a person can look at them: PNG grids for images, CSV (+ scatter) for vectors. */
public final class Samples {
  private Samples() {}

  /** Whether samples of this data are images ({@code [channels, height, width]}). */
  public static boolean areImages(DatasetInfo data) {
    return data.sampleShape().size() == 3;
  }

  /**
   * Writes {@code generated} under {@code base} (no extension): {@code base.png} for images; for vectors
   * {@code base.csv}, plus {@code base.png}, a scatter over {@code real}, for 2-D data.
   *
   * @return the main file written
   */
  public static Path write(INDArray generated, INDArray real, DatasetInfo data, Path base) throws IOException {
    return write(generated, real, data, base, (int) Math.ceil(Math.sqrt(generated.size(0))));
  }

  /** As {@link #write(INDArray, INDArray, DatasetInfo, Path)}, with {@code columns} images per grid row. */
  public static Path write(INDArray generated, INDArray real, DatasetInfo data, Path base, int columns)
      throws IOException {
    Files.createDirectories(base.toAbsolutePath().getParent());
    if (areImages(data)) {
      Path png = sibling(base, ".png");
      ImageGrid.write(generated, columns, png);
      return png;
    }
    Path csv = sibling(base, ".csv");
    writeCsv(generated, csv);
    if (data.sampleShape().equals(java.util.List.of(2L))) {
      ScatterPlot.write(real, generated, data.modeCenters(), sibling(base, ".png"));
    }
    return csv;
  }

  /** One sample per line, comma-separated, with a header x0,x1,... */
  public static void writeCsv(INDArray vectors, Path file) throws IOException {
    double[][] rows = vectors.castTo(DataType.DOUBLE).reshape(vectors.size(0), -1).toDoubleMatrix();
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int j = 0; j < rows[0].length; j++) {
        out.write((j == 0 ? "" : ",") + "x" + j);
      }
      out.write('\n');
      for (double[] row : rows) {
        for (int j = 0; j < row.length; j++) {
          out.write((j == 0 ? "" : ",") + row[j]);
        }
        out.write('\n');
      }
    }
  }

  private static Path sibling(Path base, String extension) {
    return base.resolveSibling(base.getFileName() + extension);
  }
}
