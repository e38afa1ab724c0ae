package dev.ganforge.spark;

import dev.ganforge.core.run.Folders;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.Function;

/**
 * Runs one task on an executor: returns the published result if the destination has one; otherwise trains
 * the run in the machine's scratch folder in a process of its own ({@code gan sweep-task}, which continues
 * from the last checkpoint when an earlier attempt on this machine died), publishes it and returns its
 * result. A process that dies fails the attempt and Spark tries again.
 *
 * <p>The task's process runs apart from the executor so that a native crash, a kill or an out-of-memory
 * end takes down one attempt, not the executor and the other tasks in it; and each run gets ND4J's thread
 * settings to itself. It ends with the executor: it stops when its standard input closes.
 */
final class RunTask implements Function<TaskSpec, String> {
  private static final long serialVersionUID = 1L;
  private static final int LOG_TAIL_LINES = 30;

  private final String destination;
  private final String scratch;
  private final ArrayList<String> classpath;
  private final String shippedJar;
  private final String mainClass;
  private final ArrayList<String> arguments;
  private final ArrayList<String> jvmOptions;

  /**
   * @param destination where runs are published
   * @param scratch this sweep's folder on each machine
   * @param classpath the task process's class path, used as it is when {@code shippedJar} is null
   * @param shippedJar the launcher jar's name among the files Spark ships to executors, or null
   * @param mainClass the launcher's main class
   * @param arguments the subcommand that runs a task
   * @param jvmOptions the task JVM's options
   */
  RunTask(String destination, String scratch, List<String> classpath, String shippedJar, String mainClass,
      List<String> arguments, List<String> jvmOptions) {
    this.destination = destination;
    this.scratch = scratch;
    this.classpath = new ArrayList<>(classpath);
    this.shippedJar = shippedJar;
    this.mainClass = mainClass;
    this.arguments = new ArrayList<>(arguments);
    this.jvmOptions = new ArrayList<>(jvmOptions);
  }

  @Override
  public String call(TaskSpec task) throws Exception {
    RunStore store = new RunStore(destination);
    Optional<String> published = store.publishedResult(task.runPath(), task.configYaml());
    if (published.isPresent()) {
      return published.get();
    }
    Path run = Path.of(scratch).resolve(task.runPath());
    Path files = run.resolveSibling(run.getFileName() + ".task");
    Files.createDirectories(files);
    Path config = files.resolve("config.yaml");
    Path metrics = files.resolve("metrics.yaml");
    Path log = files.resolve("task.log");
    Files.writeString(config, task.configYaml());
    Files.writeString(metrics, task.metricsYaml());

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(shippedJar != null ? SparkFiles.get(shippedJar) : String.join(File.pathSeparator, classpath));
    command.add(mainClass);
    command.addAll(arguments);
    command.addAll(List.of("--run", run.toString(), "--config", config.toString(), "--metrics", metrics.toString(),
        "--configuration", task.configuration(), "--exit-with-parent"));
    Files.writeString(log, "== attempt: " + String.join(" ", command) + System.lineSeparator(),
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    int exit;
    try (OutputStream stdin = process.getOutputStream()) { // kept open: closing it stops the task
      exit = process.waitFor();
    } catch (InterruptedException e) { // the sweep was cancelled (Ctrl-C) or the attempt killed
      process.destroyForcibly();
      process.waitFor();
      throw e;
    }
    Path result = run.resolve(RunStore.RESULT);
    if (exit != 0 || !Files.isRegularFile(result)) {
      throw new IllegalStateException("the process of " + task.runPath() + " exited with code " + exit
          + (exit > 128 ? " (signal " + (exit - 128) + ")" : "") + " on " + hostName() + "; the end of "
          + log + ":" + System.lineSeparator() + tail(log));
    }
    String text = Files.readString(result).trim();
    Files.copy(log, run.resolve("task.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    store.publish(run, task.runPath());
    Folders.deleteTree(files);
    Folders.deleteTree(run);
    return text;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this machine";
    }
  }
}
