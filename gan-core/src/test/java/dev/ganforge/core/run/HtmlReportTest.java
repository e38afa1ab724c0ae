package dev.ganforge.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report charts what schedules record, such as progressive growing's fade-in curve. */
final class HtmlReportTest {
  @TempDir Path run;

  @Test
  void seriesAScheduleRecordsGetAChartEach() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int step = 1; step <= 20; step++) {
      lines.append("{\"step\":").append(step).append(",\"name\":\"loss/discriminator\",\"value\":0.5}\n");
      lines.append("{\"step\":").append(step).append(",\"name\":\"progressive/alpha\",\"value\":")
          .append(Math.min(1.0, step / 10.0)).append("}\n");
      lines.append("{\"step\":").append(step).append(",\"name\":\"time/step-ms\",\"value\":12}\n");
    }
    Files.writeString(run.resolve("metrics.jsonl"), lines);

    Path report = HtmlReport.write(run);

    String html = Files.readString(report);
    assertThat(html).contains("src=\"report/recorded-progressive-alpha.png\"");
    assertThat(run.resolve("report/recorded-progressive-alpha.png")).isRegularFile();
    assertThat(html).as("wall-clock times are not a schedule's").doesNotContain("recorded-time");
  }
}
