package dev.ganforge.cli;

import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.engine.NetworkFlops;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.engine.TrainerFactory;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.random.SplitMixRandom;
import dev.ganforge.core.run.TrainingRun;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan bench CONFIG}: times training iterations, nothing written. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Time training iterations of a config in memory (no run directory): median, 90th "
        + "percentile and spread of ms per iteration after warm-up, achieved GFLOP/s against this machine's "
        + "matrix-product ceiling, peak heap, off-heap and process memory (and memory every tenth of a run of "
        + "1,000 iterations or more).")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "CONFIG", description = "The config file.")
  Path config;

  private static final double MIB = 1024.0 * 1024.0;

  @Option(names = "--iterations", paramLabel = "N", description = "Timed iterations (default ${DEFAULT-VALUE}).")
  int iterations = 50;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed iterations first (default ${DEFAULT-VALUE}).")
  int warmup = 10;

  @Override
  public Integer call() {
    if (iterations <= 0 || warmup < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--iterations must be positive and --warmup zero or more");
    }
    ConfigMapper mapper = gan.injector().getInstance(ConfigMapper.class);
    PluginRegistry registry = gan.injector().getInstance(PluginRegistry.class);
    GanConfig resolved = mapper.read(config, GanConfig.class);
    DataSource data = DataSources.open(resolved.data(), resolved.seed(), TrainingRun.DATA_TYPE);
    GanModel model = GanModel.assemble(resolved, registry, data.info(), TrainingRun.DATA_TYPE);
    Trainer trainer = TrainerFactory.create(resolved, registry, model, data, TrainingRun.DATA_TYPE);
    PrintWriter out = spec.commandLine().getOut();
    int batchSize = resolved.training().batchSize();
    out.printf("%s: batch %d, %d warm-up + %d timed iterations, %d threads%n", config, batchSize, warmup,
        iterations, Nd4j.getEnvironment().maxMasterThreads());
    out.flush();
    double ceiling = gemmCeiling();
    for (int i = 0; i < warmup; i++) {
      trainer.iterate();
    }
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long peakPhysical = Pointer.physicalBytes();
    long peakOffHeap = offHeap();
    int reportEvery = iterations >= 1000 ? iterations / 10 : 0;
    double[] millis = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      trainer.iterate();
      millis[i] = (System.nanoTime() - start) / 1e6;
      peakPhysical = Math.max(peakPhysical, Pointer.physicalBytes());
      peakOffHeap = Math.max(peakOffHeap, offHeap());
      if (reportEvery > 0 && (i + 1) % reportEvery == 0) {
        // Memory over a long run: flat numbers mean no leak.
        out.printf(Locale.ROOT, "iteration %d: heap in use %.0f MiB, off-heap %.0f MiB, process %.0f MiB%n",
            i + 1, heapUsed() / MIB, offHeap() / MIB, Pointer.physicalBytes() / MIB);
        out.flush();
      }
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    double median = percentile(sorted, 0.5);
    double max = sorted[sorted.length - 1];
    long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    out.printf(Locale.ROOT, "median %.1f ms/iteration, p90 %.1f ms, min %.1f ms, max %.1f ms (%.2f iterations/s); "
        + "spread (max/median) %.2f%n", median, percentile(sorted, 0.9), sorted[0], max, 1000 / median, max / median);
    OptionalDouble iterationFlops = iterationFlops(resolved, model, trainer, batchSize, warmup + iterations, out);
    if (iterationFlops.isPresent()) {
      double gflops = iterationFlops.getAsDouble() / (median / 1000) / 1e9;
      out.printf(Locale.ROOT, "%.2f GFLOP per iteration: %.1f GFLOP/s achieved, %.0f%% of the GEMM ceiling "
          + "(%.1f GFLOP/s: 1024^3 float32 matrix product, best of 10)%n", iterationFlops.getAsDouble() / 1e9, gflops,
          100 * gflops / ceiling, ceiling);
    }
    out.printf(Locale.ROOT, "peak heap in use %.0f MiB, peak off-heap %.0f MiB (native arrays and libraries: the "
        + "process's physical memory less the committed heap), peak process physical memory %.0f MiB%n",
        peakHeap / MIB, peakOffHeap / MIB, peakPhysical / MIB);
    return 0;
  }

  /**
   * This machine's float32 matrix-product speed through ND4J, the upper bound for dense and conv layers:
   * ND4J's matrix-product op into a row-major result, as the dense layers run it (oneDNN where DL4J's
   * helpers are on). Not {@code mmuli}, which multiplies into a column-major temporary and copies it.
   */
  private static double gemmCeiling() {
    int n = 1024;
    INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray c = Nd4j.create(DataType.FLOAT, n, n);
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 12; i++) {
      long start = System.nanoTime();
      Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
      Nd4j.getExecutioner().commit();
      if (i >= 2) { // two to warm up
        best = Math.min(best, (System.nanoTime() - start) / 1e9);
      }
    }
    return 2.0 * n * n * n / best / 1e9;
  }

  /** One iteration's FLOPs ({@link NetworkFlops}), or empty where the shapes are not plain to run. */
  private static OptionalDouble iterationFlops(GanConfig config, GanModel model, Trainer trainer, int batchSize,
      int iterationsRun, PrintWriter out) {
    if (model.classCount() > 0 || config.training().pack() > 1) {
      out.println("FLOPs not counted for conditional or packed models");
      return OptionalDouble.empty();
    }
    INDArray latent = config.latent().sample(SplitMixRandom.stream(config.seed(), "bench"), TrainingRun.DATA_TYPE,
        batchSize);
    INDArray fakes = model.generator().output(latent);
    NetworkFlops.Count generator = NetworkFlops.forward(model.generator(), latent);
    NetworkFlops.Count discriminator = NetworkFlops.forward(model.discriminator(), fakes);
    if (!generator.uncounted().isEmpty() || !discriminator.uncounted().isEmpty()) {
      out.println("FLOPs leave out these layers: " + generator.uncounted() + " " + discriminator.uncounted());
    }
    // The updates per iteration as the schedule ran them (look-ahead steps it undid are not counted).
    double d = trainer.state().discriminatorUpdates() / (double) iterationsRun;
    double g = trainer.state().generatorUpdates() / (double) iterationsRun;
    return OptionalDouble.of(NetworkFlops.iteration(generator.flops(), discriminator.flops(), d, g,
        config.training().reuseFakes()));
  }

  private static long offHeap() {
    long committed = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).mapToLong(pool -> pool.getUsage().getCommitted()).sum();
    return Math.max(0, Pointer.physicalBytes() - committed);
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getUsage().getUsed()).sum();
  }

  private static double percentile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
