package dev.ganforge.core.run;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts as PNG files (XChart): line charts for run reports and the learning-rate probe, error bars for sweeps. */
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

  /**
   * A PNG of values against numbers, as points with error bars ({@code errors[i]} above and below
   * {@code y[i]}); a logarithmic x axis when {@code logX}.
   */
  public static byte[] errorBars(String title, String xLabel, String yLabel, double[] x, double[] y, double[] errors,
      boolean logX) throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.addSeries(yLabel, x, y, errors);
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }

  /** A PNG of values by category, as bars with error bars ({@code errors[i]} above and below). */
  public static byte[] categoryErrorBars(String title, String xLabel, String yLabel, List<String> categories,
      List<Double> y, List<Double> errors) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendVisible(false);
    chart.addSeries(yLabel, categories, y, errors);
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}
