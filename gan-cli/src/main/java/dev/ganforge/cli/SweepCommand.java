package dev.ganforge.cli;

import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.sweep.Sweep;
import dev.ganforge.core.sweep.SweepExecutor;
import dev.ganforge.core.sweep.SweepReader;
import dev.ganforge.core.sweep.SweepReport;
import dev.ganforge.core.sweep.SweepTask;
import dev.ganforge.core.sweep.TaskResult;
import dev.ganforge.core.sweep.Trial;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan sweep SWEEP.yaml}: trains every configuration of a search space with every seed, one Spark
 * task per run, and ranks the configurations by a metric. See {@link SweepReader} for the file.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Train a base config over a search space of config paths (lists: a grid; uniform, log-uniform, choice: "
          + "random search) with several seeds, one Spark task per run, on this machine (local[<cores>]) or a "
          + "Spark cluster (--master). Ranks the configurations by a metric; writes sweep.md, sweep.csv, "
          + "runs.csv, best.yaml and a plot per parameter beside the runs. A rerun reuses finished runs and "
          + "continues unfinished ones from their checkpoints.",
      "",
      "A sweep file:",
      "  base: ../gaussian-ring.yaml          # or a config inline",
      "  set: {training.steps: 4000}          # fixed changes to the base",
      "  space:",
      "    generator.optimizer.learningRate: [2.0e-4, 1.0e-3]",
      "    loss.realLabel: {uniform: [0.8, 1.0]}",
      "  trials: 4                            # random draws per grid point",
      "  seeds: 2                             # or a list: [1, 5]",
      "  metric: {type: mode-coverage, samples: 2500}",
      "  rank: {by: reverse-kl, goal: minimize}",
      "  out: sweeps/ring                     # a folder, file:///... or hdfs://...",
      ""})
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "SWEEP", description = "The sweep file (.yaml or .json).")
  Path file;

  @Option(names = "--out", paramLabel = "DIR|URI", description = "Where runs and results go, instead of the file's out:.")
  String out;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    ConfigMapper mapper = gan.injector().getInstance(ConfigMapper.class);
    Sweep sweep = new SweepReader(mapper).read(file); // every problem reported before anything runs
    if (out != null) {
      sweep = sweep.withOut(out);
    }
    List<SweepTask> tasks = new ArrayList<>();
    String metrics = "[" + mapper.toTree(sweep.metric()) + "]";
    int threads = 1;
    for (Trial trial : sweep.trials()) {
      for (long seed : sweep.seeds()) {
        GanConfig config = trial.config().withSeed(seed);
        tasks.add(new SweepTask(trial.name(), seed, mapper.toYaml(config), metrics));
      }
      threads = Math.max(threads, taskThreads(trial.config()));
    }
    PrintWriter printer = spec.commandLine().getOut();
    printer.printf("sweep %s: %d configurations x %d seeds = %d runs, into %s%n", sweep.name(), sweep.trials().size(),
        sweep.seeds().size(), tasks.size(), sweep.out());
    sweep.trials().forEach(trial -> printer.println("  " + SweepReader.describe(trial)));
    printer.flush();
    SweepExecutor executor = SparkSupport.executor();
    List<TaskResult> results = SparkSupport.run(executor, sweep.name(), tasks, sweep.out(), threads, spark,
        gan.pluginDirectories, spec.commandLine().getErr());
    SweepReport report = new SweepReport(sweep, results, mapper, commandLine(sweep));
    executor.writeFiles(sweep.out(), report.files());
    printer.println();
    printer.print(report.text());
    printer.println("wrote " + SweepReport.MARKDOWN + ", " + SweepReport.CSV + ", " + SweepReport.RUNS_CSV
        + (report.best().isPresent() ? ", " + SweepReport.BEST : "") + " and the plots to " + sweep.out());
    return 0;
  }

  /** The cores one run uses: its {@code training.threads}, or all of them when unset. */
  static int taskThreads(GanConfig config) {
    Integer threads = config.training().threads();
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }

  private String commandLine(Sweep sweep) {
    return "gan sweep " + file + (out != null ? " --out " + out : "")
        + (spark.master != null ? " --master " + spark.master : "");
  }
}
