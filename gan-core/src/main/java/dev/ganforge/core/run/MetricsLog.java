package dev.ganforge.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per line, {@code {"step": 500, "name": "loss/discriminator",
 * "value": 1.32}}. Each step's lines are written with one write call; a checkpoint records the log's
 * length so that a resume can cut away what was logged after it (including a line torn by a crash).
 */
public final class MetricsLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileChannel channel;

  private MetricsLog(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens (creating if needed) the log for appending, cut to {@code length} bytes when given. */
  public static MetricsLog open(Path file, long length) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (length >= 0) {
        channel.truncate(length);
      }
      channel.position(channel.size());
      return new MetricsLog(channel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
  }

  /** Appends one line per metric of a step. */
  public void append(long step, Map<String, Double> metrics) {
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, Double> metric : metrics.entrySet()) {
      ObjectNode line = JSON.createObjectNode();
      line.put("step", step);
      line.put("name", metric.getKey());
      line.put("value", metric.getValue());
      lines.append(line).append('\n');
    }
    try {
      ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to metrics.jsonl", e);
    }
  }

  /** The log's length in bytes: everything appended so far. */
  public long length() {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
