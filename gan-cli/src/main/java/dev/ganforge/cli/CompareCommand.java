package dev.ganforge.cli;

import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.run.TrainingRun;
import dev.ganforge.core.sweep.SweepTask;
import dev.ganforge.core.sweep.TaskResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan compare CONFIG... --seeds N}: trains every config with N seeds and tabulates mode coverage
 * the way the PacGAN paper does (2,500 samples; modes captured; high quality = within 3 sigma of the
 * nearest mode; reverse KL of the mode histogram against uniform), as mean and standard deviation over
 * seeds. The runs are Spark tasks, as {@code gan sweep}'s are: in parallel on this machine's cores or on a
 * cluster. Runs already finished in the output folder are reused and unfinished ones resumed, so an
 * interrupted comparison continues where it stopped and a rerun only recomputes the table.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Train each config with several seeds and compare mode coverage on a Gaussian mixture "
        + "(PacGAN protocol); writes compare.md and compare.csv.")
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "CONFIG", arity = "1..*", description = "Config files to compare.")
  List<Path> configs;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
      description = "Seeds per config: the config's seed and the next N-1; default ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--steps", paramLabel = "N", description = "Train this many steps instead of training.steps.")
  Integer steps;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "2500",
      description = "Samples per evaluation; default ${DEFAULT-VALUE} (PacGAN).")
  int samples;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder for the runs and the tables; default compare/<date-time>. Reusing one continues it.")
  Path out;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the Markdown table here.")
  Path markdown;

  @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Mode coverage",
      description = "Heading of the Markdown page.")
  String title;

  @Option(names = "--notes", paramLabel = "FILE",
      description = "Markdown to put under the table (the setup, published numbers to compare with).")
  Path notes;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    if (seeds <= 0 || samples <= 0 || (steps != null && steps <= 0)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--seeds, --samples and --steps must be positive");
    }
    ConfigMapper mapper = gan.injector().getInstance(ConfigMapper.class);
    PrintWriter printer = spec.commandLine().getOut();
    Path directory = out != null ? out
        : Path.of("compare", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Map<String, Path> names = new HashMap<>();
    for (Path config : configs) {
      String name = TrainCommand.configName(config);
      Path earlier = names.putIfAbsent(name, config);
      if (earlier != null) {
        throw new UsageException("two configs are both named '" + name
            + "' (" + earlier + " and " + config + "); their runs and rows would mix: rename one");
      }
    }
    List<SweepTask> tasks = new ArrayList<>();
    String metrics = "[{type: mode-coverage, samples: " + samples + "}]";
    int threads = 1;
    for (Path config : configs) { // all configs checked before any training
      GanConfig read = mapper.read(config, GanConfig.class);
      if (DataSources.open(read.data(), read.seed(), TrainingRun.DATA_TYPE).info().modeCenters().isEmpty()) {
        throw new UsageException(TrainCommand.configName(config)
            + ": gan compare measures mode "
            + "coverage, which needs a Gaussian mixture (gaussian-ring or gaussian-grid data); " + config
            + " uses " + read.data().getClass().getSimpleName().replaceFirst("Config$", "") + " data");
      }
      GanConfig resolved = steps == null ? read : read.withSteps(steps);
      threads = Math.max(threads, SweepCommand.taskThreads(resolved));
      for (int s = 0; s < seeds; s++) {
        GanConfig seeded = resolved.withSeed(resolved.seed() + s);
        tasks.add(new SweepTask(TrainCommand.configName(config), seeded.seed(), mapper.toYaml(seeded), metrics));
      }
    }
    String notesText = "";
    try {
      notesText = notes == null ? "" : Files.readString(notes);
    } catch (IOException e) {
      throw new UsageException("cannot read --notes " + notes + ": " + e.getMessage(), e);
    }
    printer.printf("%d configs x %d seeds = %d runs, into %s%n", configs.size(), seeds, tasks.size(), directory);
    printer.flush();
    List<TaskResult> results = SparkSupport.run(SparkSupport.executor(), "compare", tasks,
        directory.toAbsolutePath().toString(), threads, spark, gan.pluginDirectories, spec.commandLine().getErr());
    for (TaskResult result : results) {
      printer.printf("[%s, seed %d] %s%n", result.configuration(), result.seed(), describe(result));
    }
    CompareTable table = new CompareTable(title, results, samples, notesText);
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("compare.csv"), table.csv());
      Files.writeString(directory.resolve("compare.md"), table.markdown(commandLine(directory)));
      if (markdown != null) {
        Files.writeString(markdown, table.markdown(commandLine(directory)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the comparison to " + directory + ": " + e.getMessage(), e);
    }
    printer.println();
    printer.print(table.text());
    printer.println("wrote " + directory.resolve("compare.md") + " and " + directory.resolve("compare.csv")
        + (markdown == null ? "" : " and " + markdown));
    return 0;
  }

  private String commandLine(Path directory) {
    StringBuilder command = new StringBuilder("gan compare");
    for (Path config : configs) {
      command.append(' ').append(config);
    }
    command.append(" --seeds ").append(seeds);
    if (notes != null) {
      command.append(" --notes ").append(notes);
    }
    if (steps != null) {
      command.append(" --steps ").append(steps);
    }
    if (samples != 2500) {
      command.append(" --samples ").append(samples);
    }
    return command.append(" --out ").append(directory).toString();
  }

  private static String describe(TaskResult result) {
    if (result.failure() != null) {
      return result.failure();
    }
    Map<String, Double> m = result.metrics();
    return String.format(Locale.ROOT, "%d/%d modes, %.1f%% high quality, reverse KL %.3f, %.0f s training%s",
        Math.round(m.get("modes")), Math.round(m.get("mode-count")), 100 * m.get("high-quality"),
        m.get("reverse-kl"), result.trainSeconds(), result.reused() ? " (reused)" : "");
  }
}
