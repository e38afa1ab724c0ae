package dev.ganforge.core.sweep;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link SweepExecutor} runs.
 *
 * @param name the sweep's name (the Spark application's name)
 * @param tasks one per (configuration, seed)
 * @param destination where finished runs are published: a folder or a Hadoop FileSystem URI
 *     ({@code file:///...}, {@code hdfs://...}); runs go to {@code <destination>/<task.runPath()>}
 * @param settings where and how the tasks run
 */
public record SweepJob(String name, List<SweepTask> tasks, String destination, Settings settings) {
  public SweepJob {
    requireNonNull(name, "name");
    tasks = List.copyOf(tasks);
    requireNonNull(destination, "destination");
    requireNonNull(settings, "settings");
  }

  /**
   * Where and how a sweep's tasks run.
   *
   * @param master the Spark master URL ({@code local[2]}, {@code spark://host:7077}); null for the
   *     embedded default, {@code local[<cores>]}
   * @param taskThreads the CPU cores one task uses (its runs' {@code training.threads})
   * @param taskMemoryBytes the memory one task's process may use (heap and native arrays together)
   * @param maxAttempts how often a task is tried before the sweep fails
   * @param scratch the local folder on each machine where runs train before they are published
   * @param launcher how a task's process is started
   * @param sparkConf further Spark settings ({@code spark.driver.host}, ...), applied last
   */
  public record Settings(String master, int taskThreads, long taskMemoryBytes, int maxAttempts, Path scratch,
      TaskLauncher launcher, Map<String, String> sparkConf) {
    public Settings {
      requireNonNull(scratch, "scratch");
      requireNonNull(launcher, "launcher");
      sparkConf = Map.copyOf(sparkConf);
    }
  }

  /**
   * The command that trains one task in a process of its own: {@code java <jvmOptions> -cp <classpath>
   * <mainClass> <arguments> <task files>}.
   *
   * @param classpath the launcher's class path: one jar (shipped to cluster machines through Spark) or
   *     the entries of a build's class path (used as they are: valid on this machine and on machines
   *     sharing its file system)
   * @param mainClass the launcher's main class
   * @param arguments the subcommand that runs a task, before the task's own arguments
   * @param jvmOptions options for the task's JVM (memory limits are added from the settings)
   */
  public record TaskLauncher(List<String> classpath, String mainClass, List<String> arguments,
      List<String> jvmOptions) {
    public TaskLauncher {
      classpath = List.copyOf(classpath);
      requireNonNull(mainClass, "mainClass");
      arguments = List.copyOf(arguments);
      jvmOptions = List.copyOf(jvmOptions);
    }
  }
}
