package dev.ganforge.core.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Draws 2-D samples over real data and mode centres, for the mode-collapse benchmarks. */
public final class ScatterPlot {
  private static final int SIZE = 600;

  private ScatterPlot() {}

  /**
   * Writes a PNG: real samples in light grey, generated ones in blue, mode centres as red crosses. The
   * view is fitted to the real samples with a 15% margin; generated points outside it are not drawn.
   */
  public static void write(INDArray real, INDArray generated, Optional<INDArray> modes, Path file) throws IOException {
    double[][] realPoints = real.castTo(DataType.DOUBLE).toDoubleMatrix();
    double[][] fakePoints = generated.castTo(DataType.DOUBLE).toDoubleMatrix();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] p : realPoints) {
      min = Math.min(min, Math.min(p[0], p[1]));
      max = Math.max(max, Math.max(p[0], p[1]));
    }
    double margin = 0.15 * (max - min);
    double low = min - margin;
    double span = (max - min) + 2 * margin;

    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, SIZE, SIZE);
    g.setColor(new Color(200, 200, 200));
    for (double[] p : realPoints) {
      dot(g, x(p[0], low, span), y(p[1], low, span), 3);
    }
    g.setColor(new Color(30, 90, 200, 160));
    for (double[] p : fakePoints) {
      dot(g, x(p[0], low, span), y(p[1], low, span), 3);
    }
    g.setColor(new Color(210, 30, 30));
    g.setStroke(new BasicStroke(2));
    modes.ifPresent(centres -> {
      for (double[] c : centres.castTo(DataType.DOUBLE).toDoubleMatrix()) {
        int cx = x(c[0], low, span);
        int cy = y(c[1], low, span);
        g.drawLine(cx - 5, cy, cx + 5, cy);
        g.drawLine(cx, cy - 5, cx, cy + 5);
      }
    });
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void dot(Graphics2D g, int x, int y, int size) {
    g.fillOval(x - size / 2, y - size / 2, size, size);
  }

  private static int x(double value, double low, double span) {
    return (int) Math.round((value - low) / span * (SIZE - 1));
  }

  private static int y(double value, double low, double span) {
    return SIZE - 1 - (int) Math.round((value - low) / span * (SIZE - 1));
  }
}
