package dev.ganforge.core.run;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts as PNG files (XChart), for run reports and the learning-rate probe. */
public final class Charts {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 450;

  private Charts() {}

  /** One series of a chart: x and y values of equal length. */
  public record Series(double[] x, double[] y) {}

  /**
   * Writes a line chart of {@code series} (by name, in order) to {@code png}; a logarithmic y axis when
   * {@code logY} and every value is positive.
   */
  public static void lines(Path png, String title, String xLabel, String yLabel, Map<String, Series> series,
      boolean logY) throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendVisible(series.size() > 1);
    boolean positive = true;
    for (Map.Entry<String, Series> entry : series.entrySet()) {
      Series values = entry.getValue();
      if (values.x().length == 0) {
        continue;
      }
      for (double y : values.y()) {
        positive &= y > 0;
      }
      chart.addSeries(entry.getKey(), values.x(), values.y()).setMarker(SeriesMarkers.NONE);
    }
    chart.getStyler().setYAxisLogarithmic(logY && positive);
    Files.createDirectories(png.toAbsolutePath().getParent());
    BitmapEncoder.saveBitmap(chart, png.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
  }
}
