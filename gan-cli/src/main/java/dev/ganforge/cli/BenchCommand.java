package dev.ganforge.cli;

import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.run.TrainingRun;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.Pointer;
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
    description = "Time training iterations of a config in memory (no run directory): median and 90th "
        + "percentile ms per iteration after warm-up, peak heap and peak native (off-heap) memory.")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "CONFIG", description = "The config file.")
  Path config;

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
    Trainer trainer = Trainer.create(resolved, registry, model, data, TrainingRun.DATA_TYPE);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s: batch %d, %d warm-up + %d timed iterations%n", config, resolved.training().batchSize(),
        warmup, iterations);
    out.flush();
    for (int i = 0; i < warmup; i++) {
      trainer.iterate();
    }
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long peakNative = Pointer.physicalBytes();
    double[] millis = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      trainer.iterate();
      millis[i] = (System.nanoTime() - start) / 1e6;
      peakNative = Math.max(peakNative, Pointer.physicalBytes());
    }
    Arrays.sort(millis);
    long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    out.printf("median %.1f ms/iteration, p90 %.1f ms, min %.1f ms (%.2f iterations/s)%n",
        percentile(millis, 0.5), percentile(millis, 0.9), millis[0], 1000 / percentile(millis, 0.5));
    out.printf("peak heap %.0f MiB, peak process physical memory %.0f MiB%n", peakHeap / 1048576.0,
        peakNative / 1048576.0);
    return 0;
  }

  private static double percentile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
