package dev.ganforge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the {@code gan} command line in-process, capturing what a user would see. */
final class GanCli {
  /** What one invocation printed, and its exit code. */
  record Result(int exitCode, String out, String err) {}

  private GanCli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = GanMain.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** The repository root, where examples/ and docs/ live. */
  static Path repository() {
    return Path.of(System.getProperty("ganforge.repositoryRoot", "..")).toAbsolutePath().normalize();
  }

  /** The example plugin's jar, built by the reactor and staged outside the test classpath. */
  static Path examplePluginJar() {
    return Path.of(System.getProperty("ganforge.examplePluginJar"));
  }
}
