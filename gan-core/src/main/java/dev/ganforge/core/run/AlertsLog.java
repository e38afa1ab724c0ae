package dev.ganforge.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganforge.api.listener.RunAlert;
import dev.ganforge.api.listener.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends every alert to {@code alerts.jsonl}, which rollbacks never cut. */
final class AlertsLog implements RunListener {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  AlertsLog(Path file) {
    this.file = file;
  }

  @Override
  public void onIteration(long step, Map<String, Double> scalars) {}

  @Override
  public void onAlert(RunAlert alert) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", alert.step());
    line.put("alert", alert.kind());
    line.put("message", alert.message());
    line.put("action", alert.action());
    try {
      Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw RunDirectoryException.unwritable(file.getParent(), e);
    }
  }
}
