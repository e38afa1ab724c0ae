package dev.ganforge.core.run;

import dev.ganforge.api.listener.RunListener;
import java.nio.file.Path;
import java.util.Map;

/** Rewrites {@code report.html} (and its charts) at every checkpoint. */
final class ReportWriter implements RunListener {
  private final Path runDirectory;

  ReportWriter(Path runDirectory) {
    this.runDirectory = runDirectory;
  }

  @Override
  public void onIteration(long step, Map<String, Double> scalars) {}

  @Override
  public void onCheckpoint(long step, Path checkpoint) {
    HtmlReport.write(runDirectory);
  }
}
