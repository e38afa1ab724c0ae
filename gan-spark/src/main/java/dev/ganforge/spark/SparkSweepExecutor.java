package dev.ganforge.spark;

import com.google.auto.service.AutoService;
import dev.ganforge.core.sweep.SweepExecutor;
import dev.ganforge.core.sweep.SweepFailedException;
import dev.ganforge.core.sweep.SweepJob;
import dev.ganforge.core.sweep.SweepProgress;
import dev.ganforge.core.sweep.SweepTask;
import dev.ganforge.core.sweep.TaskResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Runs a sweep on Spark: one Spark task per (configuration, seed), on the embedded {@code local[N]} master
 * (N: this machine's cores) or any master Spark accepts. Runs the destination already holds are reused
 * without starting Spark for them; a task attempt that fails is retried up to
 * {@link SweepJob.Settings#maxAttempts} times, continuing its run from the last checkpoint.
 */
@AutoService(SweepExecutor.class)
public final class SparkSweepExecutor implements SweepExecutor {
  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?");
  private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use\\w+GC");

  @Override
  public List<TaskResult> run(SweepJob job, SweepProgress progress) {
    Instant start = Instant.now();
    SweepJob.Settings settings = job.settings();
    String destination;
    RunStore store;
    List<TaskResult> results = new ArrayList<>();
    List<TaskSpec> pending = new ArrayList<>();
    List<Integer> pendingIndex = new ArrayList<>();
    try {
      store = new RunStore(job.destination());
      destination = store.uri();
      for (SweepTask task : job.tasks()) {
        Optional<String> published = store.publishedResult(task.runPath(), task.configYaml());
        results.add(published.map(text -> TaskResult.fromJson(text, true)).orElse(null));
        if (published.isEmpty()) {
          pendingIndex.add(results.size() - 1);
          pending.add(new TaskSpec(task.configuration(), task.seed(), task.configYaml(), task.metricsYaml(),
              task.runPath()));
        }
      }
    } catch (RunStore.StaleRunException e) {
      throw new SweepFailedException(e.getMessage(), e);
    } catch (IOException e) {
      throw new SweepFailedException("cannot read the sweep's destination " + job.destination() + ": "
          + e.getMessage(), e);
    }
    int total = job.tasks().size();
    int reused = total - pending.size();
    progress.update(new SweepProgress.Status(total, reused, reused, 0, 0, Duration.ZERO));
    if (pending.isEmpty()) {
      return results;
    }

    String master = settings.master() != null ? settings.master() : "local[*]";
    Matcher localMaster = LOCAL.matcher(master);
    boolean local = localMaster.matches();
    int cores = local ? localCores(master) : Integer.MAX_VALUE;
    if (local && localMaster.group(3) == null) {
      master = "local[" + cores + "," + settings.maxAttempts() + "]"; // local masters retry only when told to
    }
    SparkConf conf = new SparkConf()
        .setAppName("gan sweep " + job.name())
        .setMaster(master)
        .set("spark.task.cpus", Integer.toString(Math.min(settings.taskThreads(), cores)))
        .set("spark.task.maxFailures", Integer.toString(settings.maxAttempts()));
    if (local) {
      // Nothing outside this process talks to a local master: no web UI, no network name lookups.
      conf.set("spark.ui.enabled", "false")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1");
    }
    settings.sparkConf().forEach(conf::set);
    SweepJob.TaskLauncher launcher = settings.launcher();
    String shippedJar = null;
    Optional<Path> sparkJar = codeSource(SparkSweepExecutor.class).filter(path -> path.toString().endsWith(".jar"));
    if (!local && sparkJar.isEmpty()) {
      // A build's classes folder cannot be shipped: executors on this machine read it where it is.
      conf.set("spark.executor.extraClassPath", codeSource(SparkSweepExecutor.class).map(Path::toString).orElse(""));
    }
    String scratch = settings.scratch().resolve(sweepId(destination)).toString();
    RunTask task;
    int cpus = conf.getInt("spark.task.cpus", 1);
    int slots = local ? Math.max(1, cores / cpus) : Integer.MAX_VALUE;
    Tracker tracker = new Tracker(progress, total, reused, start, slots);
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      if (!local) {
        sparkJar.ifPresent(jar -> spark.addJar(jar.toString()));
        if (launcher.classpath().size() == 1 && launcher.classpath().get(0).endsWith(".jar")) {
          spark.addFile(launcher.classpath().get(0));
          shippedJar = Path.of(launcher.classpath().get(0)).getFileName().toString();
        }
      }
      task = new RunTask(destination, scratch, launcher.classpath(), shippedJar, launcher.mainClass(),
          launcher.arguments(), jvmOptions(launcher, settings, cpus));
      spark.sc().addSparkListener(tracker);
      spark.setJobGroup("sweep", "gan sweep " + job.name() + " (" + pending.size() + " tasks)", true);
      List<String> texts = spark.parallelize(pending, pending.size()).map(task).collect();
      for (int i = 0; i < texts.size(); i++) {
        results.set(pendingIndex.get(i), TaskResult.fromJson(texts.get(i), false));
      }
    } catch (Exception e) {
      if (e instanceof SparkException || e.getCause() instanceof SparkException) {
        throw new SweepFailedException("the sweep stopped: " + firstLines(e.getMessage()) + System.lineSeparator()
            + "The runs that finished are kept in " + destination + ": run the same command again to continue "
            + "(finished runs are reused, unfinished ones continue from their checkpoints).", e);
      }
      throw e;
    }
    return results;
  }

  /** The launcher's JVM options, a collector that keeps to the task's cores, and the task's memory limits. */
  private static List<String> jvmOptions(SweepJob.TaskLauncher launcher, SweepJob.Settings settings, int cpus) {
    List<String> options = new ArrayList<>(launcher.jvmOptions());
    if (options.stream().noneMatch(option -> COLLECTOR.matcher(option).matches())) {
      // A task owns spark.task.cpus cores beside other tasks. G1's concurrent cycles (the trainer then asked
      // for one a second) run on threads of their own that take a neighbour's core: two ring
      // runs side by side took 97 s where one alone took 72 s. The parallel collector works only in its
      // pauses, on the task's cores, and a small young generation collects the native buffers' owners
      // young and often: the pair took 77 s (docs/benchmarks/spark-compare.md).
      options.addAll(List.of("-XX:+UseParallelGC", "-XX:ParallelGCThreads=" + cpus, "-Xmn24m"));
    }
    long memory = settings.taskMemoryBytes();
    // Most of a task's memory is ND4J's native arrays: a quarter for the Java heap, and JavaCPP collects
    // garbage arrays when the process reaches the whole (see NativeMemoryLimits in the launcher).
    options.add("-Xmx" + Math.max(256L << 20, memory / 4));
    options.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + memory);
    options.add("-Dorg.bytedeco.javacpp.maxbytes=" + memory * 4 / 5);
    return options;
  }

  private static int localCores(String master) {
    Matcher matcher = LOCAL.matcher(master);
    if (!matcher.matches() || matcher.group(2) == null) {
      return 1;
    }
    return matcher.group(2).equals("*") ? Runtime.getRuntime().availableProcessors()
        : Integer.parseInt(matcher.group(2));
  }

  /** A folder name for this destination's scratch runs, the same on every machine and every rerun. */
  static String sweepId(String destination) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(destination.getBytes(StandardCharsets.UTF_8));
      return "sweep-" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static Optional<Path> codeSource(Class<?> type) {
    try {
      return Optional.of(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static String firstLines(String message) {
    if (message == null) {
      return "";
    }
    return message.lines().limit(40).reduce((a, b) -> a + System.lineSeparator() + b).orElse("");
  }

  @Override
  public void writeFiles(String destination, Map<String, byte[]> files) {
    try {
      RunStore store = new RunStore(destination);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        store.write(file.getKey(), file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sweep's results to " + destination + ": " + e.getMessage(), e);
    }
  }

  /** Counts task attempts for the progress line. */
  private static final class Tracker extends SparkListener {
    private final SweepProgress progress;
    private final int total;
    private final int reused;
    private final Instant start;
    private final int slots;
    private int done;
    private int running;
    private int failed;

    Tracker(SweepProgress progress, int total, int reused, Instant start, int slots) {
      this.progress = progress;
      this.slots = slots;
      this.total = total;
      this.reused = reused;
      this.start = start;
      this.done = reused;
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart event) {
      running++;
      report();
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
      running = Math.max(0, running - 1);
      if (event.taskInfo().successful()) {
        done++;
      } else {
        failed++;
      }
      report();
    }

    private void report() {
      // Spark starts the next task in a freed slot before the listener hears that the last one ended
      progress.update(new SweepProgress.Status(total, reused, done, Math.min(running, slots), failed,
          Duration.between(start, Instant.now())));
    }
  }
}
