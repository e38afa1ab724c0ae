package dev.ganforge.cli;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a master and a worker, each a process of its own,
 * started from the Spark jars on the test class path (nothing is downloaded). The worker starts
 * executors as on any cluster, from a Spark home whose {@code jars/} links to those jars.
 */
final class SparkStandalone implements AutoCloseable {
  private final Process master;
  private final Process worker;
  private final int port;

  private SparkStandalone(Process master, Process worker, int port) {
    this.master = master;
    this.worker = worker;
    this.port = port;
  }

  /** Starts a master and a worker with {@code cores} cores; logs go to {@code directory}. */
  static SparkStandalone start(Path directory, int cores) throws IOException, InterruptedException {
    Path home = Files.createDirectories(directory.resolve("spark-home"));
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (Path jar : classpathJars()) {
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    int port = freePort();
    Process master = launch(home, directory.resolve("master.log"), "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
    awaitPort(port, master);
    Process worker = launch(home, directory.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker",
        "--host", "127.0.0.1", "--cores", Integer.toString(cores), "--memory", "2g",
        "--webui-port", Integer.toString(freePort()), "--work-dir", directory.resolve("work").toString(),
        "spark://127.0.0.1:" + port);
    return new SparkStandalone(master, worker, port);
  }

  /** The master's URL. */
  String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** The worker's process (its executors are its children). */
  Process worker() {
    return worker;
  }

  @Override
  public void close() {
    for (Process process : List.of(worker, master)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static Process launch(Path home, Path log, String mainClass, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split(" ")));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.addAll(List.of("-cp", home.resolve("jars") + File.separator + "*", mainClass));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("SPARK_HOME", home.toString());
    // A Spark distribution's scripts set these; the worker's executor command needs them.
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  /** The jars of this JVM's class path, with surefire's manifest-only jar expanded. */
  private static Set<Path> classpathJars() throws IOException {
    Set<Path> jars = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      if (!entry.endsWith(".jar")) {
        continue;
      }
      try (JarFile jar = new JarFile(path.toFile())) {
        Manifest manifest = jar.getManifest();
        String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        if (classPath != null && path.getFileName().toString().startsWith("surefire")) {
          for (String url : classPath.trim().split("\\s+")) {
            Path listed = Path.of(URI.create(url));
            if (listed.toString().endsWith(".jar")) {
              jars.add(listed);
            }
          }
          continue;
        }
      }
      jars.add(path);
    }
    return jars;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(int port, Process process) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the Spark master exited with " + process.exitValue());
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IOException("the Spark master did not open port " + port + " within a minute");
  }
}
