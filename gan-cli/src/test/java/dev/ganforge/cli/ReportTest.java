package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run writes {@code report.html} with its curves, samples, metrics, alerts and config, and the page
 * renders in headless Chromium (CI installs it; elsewhere: apt-get install chromium).
 */
final class ReportTest {
  private static final String CONFIG = """
      seed: 2
      data: {type: gaussian-ring}
      latent: {size: 4}
      generator:
        layers:
          - {type: dense, units: 16, activation: relu}
          - {type: dense, units: 2}
      discriminator:
        layers:
          - {type: dense, units: 16, activation: leaky-relu}
          - {type: dense, units: 1}
      loss: {type: non-saturating}
      alerts: {window: 20, collapseBelow: 10}
      training: {steps: 60, batchSize: 32, logEvery: 5, sampleEvery: 30, checkpointEvery: 30}
      """;

  @TempDir Path directory;

  @Test
  void aRunsReportShowsItsCurvesSamplesAlertsAndConfigAndRendersInAHeadlessBrowser() throws Exception {
    Path config = Files.writeString(directory.resolve("ring.yaml"), CONFIG);
    Path run = directory.resolve("run");
    assertThat(GanCli.run("train", config.toString(), "--out", run.toString(), "--no-progress").exitCode()).isZero();

    String html = Files.readString(run.resolve("report.html"));
    assertThat(html).contains("src=\"samples/step-000060.png\"", "src=\"report/losses.png\"",
        "src=\"report/gradient-norms.png\"", "discriminator-loss-collapse", "collapseBelow: 10");
    for (String chart : List.of("losses", "scores", "gradient-norms", "diagnostics")) {
      assertThat(ImageIO.read(run.resolve("report").resolve(chart + ".png").toFile())).as(chart).isNotNull();
    }

    Path chromium = Path.of("/usr/bin/chromium");
    assumeTrue(Files.isExecutable(chromium), "Chromium is absent; install it with: apt-get install chromium");
    Path screenshot = directory.resolve("report.png");
    Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--window-size=1200,1600", "--screenshot=" + screenshot,
        run.resolve("report.html").toUri().toString())
        .redirectErrorStream(true).redirectOutput(directory.resolve("chromium.log").toFile()).start();
    assertThat(browser.waitFor(120, TimeUnit.SECONDS)).as("Chromium finished").isTrue();

    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image).as("the screenshot").isNotNull();
    // A blank page is one colour; text, a sample scatter and charts make hundreds.
    Set<Integer> colours = new HashSet<>();
    long nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        nonWhite += rgb == 0xFFFFFF ? 0 : 1;
      }
    }
    assertThat(colours).hasSizeGreaterThan(100);
    assertThat(nonWhite).isGreaterThan(image.getWidth() * image.getHeight() / 4 / 50);
  }
}
