package dev.ganforge.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Where {@code gan sweep} and {@code gan compare} run their tasks: options both share. */
final class SparkOptions {
  private static final Pattern SIZE = Pattern.compile("(\\d+)([kmgt]?)b?", Pattern.CASE_INSENSITIVE);

  @Option(names = "--master", paramLabel = "URL",
      description = "The Spark master: spark://HOST:7077 for a standalone cluster, or any master URL Spark "
          + "accepts; default local[<cores>] inside this process, as many tasks at a time as the cores allow.")
  String master;

  @Option(names = "--task-memory", paramLabel = "SIZE", defaultValue = "2g",
      description = "Memory one task's process may use, Java heap and ND4J's native arrays together "
          + "(512m, 4g); default ${DEFAULT-VALUE}.")
  String taskMemory;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "4",
      description = "How often a task is tried before the sweep stops (a retried task continues from its "
          + "last checkpoint); default ${DEFAULT-VALUE}.")
  int maxAttempts;

  @Option(names = "--scratch", paramLabel = "DIR",
      description = "Local folder where runs train before they are published; default <java.io.tmpdir>/"
          + "ganforge-sweeps on each machine.")
  String scratch;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "A Spark setting, as spark-submit takes it (--conf spark.driver.host=10.0.0.5); repeatable.")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  @Option(names = "--no-progress", description = "Print status lines instead of updating one line.")
  boolean noProgress;

  /** {@code --task-memory} in bytes. */
  long taskMemoryBytes() {
    Matcher matcher = SIZE.matcher(taskMemory.trim());
    if (!matcher.matches()) {
      throw new UsageException("--task-memory: '" + taskMemory + "' is not a size; write it as 512m, 2g or 4096m");
    }
    long value = Long.parseLong(matcher.group(1));
    int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    long bytes = value << shift;
    if (bytes < 256L << 20) {
      throw new UsageException("--task-memory: " + taskMemory + " is too little for a training process; give at "
          + "least 256m (2g suits the examples)");
    }
    return bytes;
  }
}
