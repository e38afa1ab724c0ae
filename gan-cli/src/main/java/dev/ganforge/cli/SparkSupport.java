package dev.ganforge.cli;

import dev.ganforge.core.sweep.SweepExecutor;
import dev.ganforge.core.sweep.SweepJob;
import dev.ganforge.core.sweep.SweepProgress;
import dev.ganforge.core.sweep.SweepTask;
import dev.ganforge.core.sweep.TaskResult;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Runs sweeps through gan-spark. Spark is not in {@code gan.jar}, so the other commands start as quickly as
 * before: the build copies gan-spark and the libraries only it needs to {@code spark/} beside the jar,
 * and they are loaded here, in a class loader of their own, when a sweep runs. In a build's own class
 * path (tests, an IDE) gan-spark is found directly.
 */
final class SparkSupport {
  static final String LIBRARY_FOLDER = "spark";

  private SparkSupport() {}

  /**
   * Runs {@code tasks} and reports progress on {@code err}.
   *
   * @param plugins the {@code --plugin-dir} folders, passed on to every task's process
   */
  static List<TaskResult> run(SweepExecutor executor, String name, List<SweepTask> tasks,
      String destination, int taskThreads, SparkOptions options, List<Path> plugins, PrintWriter err) {
    List<String> arguments = new ArrayList<>(List.of("sweep-task"));
    plugins.forEach(folder -> arguments.addAll(List.of("--plugin-dir", folder.toAbsolutePath().toString())));
    SweepJob.TaskLauncher launcher = new SweepJob.TaskLauncher(
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toString()).toList(),
        GanMain.class.getName(), arguments, List.of("-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxGCPauseMillis=10"));
    Path scratch = options.scratch != null ? Path.of(options.scratch)
        : Path.of(System.getProperty("java.io.tmpdir"), "ganforge-sweeps");
    if (options.maxAttempts < 1) {
      throw new UsageException("--max-attempts must be at least 1, got " + options.maxAttempts);
    }
    SweepJob job = new SweepJob(name, tasks, destination, new SweepJob.Settings(options.master, taskThreads,
        options.taskMemoryBytes(), options.maxAttempts, scratch.toAbsolutePath(), launcher, options.sparkConf));
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(executor.getClass().getClassLoader()); // Spark and Hadoop load through it
    try {
      return executor.run(job, new StatusPrinter(err, !options.noProgress && System.console() != null));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** gan-spark's executor: from the class path, or from the {@value #LIBRARY_FOLDER} folder beside gan.jar. */
  static SweepExecutor executor() {
    ClassLoader own = SparkSupport.class.getClassLoader();
    var direct = ServiceLoader.load(SweepExecutor.class, own).findFirst();
    if (direct.isPresent()) {
      return direct.get();
    }
    Path jar;
    try {
      jar = Path.of(SparkSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Path folder = jar.resolveSibling(LIBRARY_FOLDER);
    if (!Files.isDirectory(folder)) {
      throw new UsageException("gan sweep and gan compare run on Apache Spark, whose libraries belong in " + folder
          + ", which is missing: build the launcher with ./gan (or mvn package -pl gan-cli -am), which puts them there");
    }
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> jars = Files.list(folder)) {
      for (Path library : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(library.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
    ClassLoader spark = new URLClassLoader("spark", urls.toArray(URL[]::new), own);
    return ServiceLoader.load(SweepExecutor.class, spark).findFirst().orElseThrow(() -> new UsageException(
        folder + " holds no gan-spark jar: rebuild the launcher with ./gan (or mvn package -pl gan-cli -am)"));
  }

  /** The sweep's progress: one line, updated in place on a terminal; a line per change otherwise. */
  private static final class StatusPrinter implements SweepProgress {
    private final PrintWriter err;
    private final boolean terminal;
    private String last = "";

    StatusPrinter(PrintWriter err, boolean terminal) {
      this.err = err;
      this.terminal = terminal;
    }

    @Override
    public synchronized void update(Status status) {
      Duration eta = status.eta();
      String line = String.format(Locale.ROOT, "sweep: %d/%d runs done%s, %d running%s, %s elapsed%s",
          status.done(), status.total(), status.reused() > 0 ? " (" + status.reused() + " reused)" : "",
          status.running(), status.failedAttempts() > 0 ? ", " + status.failedAttempts() + " failed attempt"
              + (status.failedAttempts() > 1 ? "s" : "") + " retried" : "", format(status.elapsed()), eta == null ? "" : ", ETA " + format(eta));
      if (line.equals(last)) {
        return;
      }
      last = line;
      err.print(terminal ? "\r" + line + "   " : line + System.lineSeparator());
      if (terminal && status.done() == status.total()) {
        err.println();
      }
      err.flush();
    }

    private static String format(Duration duration) {
      long seconds = duration.toSeconds();
      return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60)
          : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
  }
}
