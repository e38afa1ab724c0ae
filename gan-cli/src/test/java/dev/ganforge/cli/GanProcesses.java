package dev.ganforge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/** The {@code gan} command in a process of its own, for what one process cannot show (kills, signals, locks). */
final class GanProcesses {
  private GanProcesses() {}

  /** Starts {@code gan ARGS} with this JVM's classpath; its output goes to {@code output} (or nowhere). */
  static Process launch(Path output, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // the packages gan.jar's manifest opens (Add-Opens) for gan sweep and gan compare
    command.addAll(Arrays.stream(JavaModuleOptions.defaultModuleOptions().split(" "))
        .filter(option -> option.startsWith("--add-opens=java.base/")).toList());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(GanMain.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    return (output == null ? builder.redirectOutput(ProcessBuilder.Redirect.DISCARD)
        : builder.redirectOutput(output.toFile())).start();
  }

  /** Steps a run has logged so far: its {@code time/step-ms} lines, one per logged step. */
  static long loggedSteps(Path run) throws IOException {
    Path metrics = run.resolve("metrics.jsonl");
    if (!Files.exists(metrics)) {
      return 0;
    }
    return Files.readAllLines(metrics).stream().filter(line -> line.contains("\"time/step-ms\"")).count();
  }
}
