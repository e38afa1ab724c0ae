package dev.ganforge.cli;

import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.TrainingDivergedException;
import dev.ganforge.core.random.SplitMixRandom;
import dev.ganforge.core.run.RunSnapshot;
import dev.ganforge.core.run.Runs;
import dev.ganforge.core.run.TrainingRun;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gan compare CONFIG... --seeds N}: trains every config with N seeds and tabulates mode coverage
 * the way the PacGAN paper does (2,500 samples; modes captured; high quality = within 3 sigma of the
 * nearest mode; reverse KL of the mode histogram against uniform), as mean and standard deviation over
 * seeds. Runs already finished in the output folder are reused and unfinished ones resumed, so an
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

  @Option(names = "--no-progress", description = "Print status lines instead of a progress bar.")
  boolean noProgress;

  /** One trained and evaluated run. */
  record Result(String config, long seed, Map<String, Double> metrics, double seconds, String failure) {}

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
    List<GanConfig> resolved = new ArrayList<>();
    Map<String, Path> names = new HashMap<>();
    for (Path config : configs) {
      String name = TrainCommand.configName(config);
      Path earlier = names.putIfAbsent(name, config);
      if (earlier != null) {
        throw new UsageException("two configs are both named '" + name
            + "' (" + earlier + " and " + config + "); their runs and rows would mix: rename one");
      }
    }
    for (Path config : configs) {
      GanConfig read = mapper.read(config, GanConfig.class); // all configs checked before any training
      if (DataSources.open(read.data(), read.seed(), TrainingRun.DATA_TYPE).info().modeCenters().isEmpty()) {
        throw new UsageException(TrainCommand.configName(config)
            + ": gan compare measures mode "
            + "coverage, which needs a Gaussian mixture (gaussian-ring or gaussian-grid data); " + config
            + " uses " + read.data().getClass().getSimpleName().replaceFirst("Config$", "") + " data");
      }
      resolved.add(steps == null ? read : read.withSteps(steps));
    }
    List<Result> results = new ArrayList<>();
    for (int c = 0; c < configs.size(); c++) {
      String name = TrainCommand.configName(configs.get(c));
      for (int s = 0; s < seeds; s++) {
        GanConfig config = resolved.get(c).withSeed(resolved.get(c).seed() + s);
        Path run = directory.resolve(name).resolve("seed-" + config.seed());
        printer.printf("[%s, seed %d] %s%n", name, config.seed(), run);
        printer.flush();
        Result result = trainAndEvaluate(name, config, run, mapper);
        printer.println("  " + describe(result));
        printer.flush();
        results.add(result);
      }
    }
    String notesText = "";
    try {
      notesText = notes == null ? "" : Files.readString(notes);
    } catch (IOException e) {
      throw new UsageException("cannot read --notes " + notes + ": " + e.getMessage(), e);
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

  private Result trainAndEvaluate(String name, GanConfig config, Path run, ConfigMapper mapper) {
    Path timeFile = run.resolve("train-seconds.txt");
    double seconds = 0;
    try {
      if (Files.isRegularFile(timeFile)) {
        seconds = Double.parseDouble(Files.readString(timeFile).trim());
      }
      boolean exists = Files.isRegularFile(run.resolve("config.yaml"));
      if (exists && !mapper.read(run.resolve("config.yaml"), GanConfig.class).equals(config)) {
        throw new UsageException(run + " was trained from a different config than "
            + name + " now gives (edited since, or other --steps); delete that folder to retrain it, or use "
            + "another --out");
      }
      Runs runs = gan.injector().getInstance(Runs.class);
      TrainingRun training = exists ? runs.resume(run, Optional.empty()) : runs.start(config, run);
      if (training.step() < config.training().steps()) {
        long start = System.nanoTime();
        try (ProgressListener progress =
            new ProgressListener(spec.commandLine().getErr(), !noProgress && System.console() != null);
            Interrupts interrupts = Interrupts.routeTo(training, spec.commandLine().getErr())) {
          training.train(progress);
        }
        seconds += (System.nanoTime() - start) / 1e9;
        Files.writeString(timeFile, String.format(Locale.ROOT, "%.1f%n", seconds));
      }
    } catch (TrainingDivergedException e) {
      return new Result(name, config.seed(), Map.of(), seconds, "diverged at step " + e.step());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RunSnapshot snapshot = gan.injector().getInstance(Runs.class).snapshot(run, Optional.empty());
    INDArray drawn = snapshot.sample(SplitMixRandom.stream(config.seed(), "sample"), samples);
    Map<String, Double> metrics = ModeCoverageReport.evaluate(gan, snapshot, drawn)
        .orElseThrow(() -> new UsageException(name + ": the mode-coverage metric "
            + "plugin (gan-metrics) is not on the classpath"));
    return new Result(name, config.seed(), metrics, seconds, null);
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

  private static String describe(Result result) {
    if (result.failure() != null) {
      return result.failure();
    }
    Map<String, Double> m = result.metrics();
    return String.format(Locale.ROOT, "%d/%d modes, %.1f%% high quality, reverse KL %.3f, %.0f s training",
        Math.round(m.get("modes")), Math.round(m.get("mode-count")), 100 * m.get("high-quality"),
        m.get("reverse-kl"), result.seconds());
  }
}
