package dev.ganforge.cli;

import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.run.Runs;
import dev.ganforge.core.run.TrainingRun;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan train CONFIG}: starts a run. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train the GAN a config describes, writing a run directory (resolved config, metrics.jsonl, "
        + "fixed-noise samples, checkpoints). Interrupted runs continue with gan resume.")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "CONFIG", description = "The config file (.yaml, .yml or .json).")
  Path config;

  @Option(names = "--out", paramLabel = "DIR",
      description = "The run directory; default runs/<config name>-<date-time>.")
  Path out;

  @Option(names = "--steps", paramLabel = "N", description = "Train this many steps instead of training.steps.")
  Integer steps;

  @Option(names = "--seed", paramLabel = "N", description = "Use this seed instead of the config's.")
  Long seed;

  @Option(names = "--no-progress", description = "Print status lines instead of a progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    ConfigMapper mapper = gan.injector().getInstance(ConfigMapper.class);
    GanConfig resolved = mapper.read(config, GanConfig.class);
    if (steps != null) {
      if (steps <= 0) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--steps must be positive, got " + steps);
      }
      resolved = resolved.withSteps(steps);
    }
    if (seed != null) {
      resolved = resolved.withSeed(seed);
    }
    Path directory = out != null ? out : defaultDirectory(config);
    TrainingRun run = gan.injector().getInstance(Runs.class).start(resolved, directory);
    return RunReport.train(run, spec.commandLine(), noProgress);
  }

  /** A config file's name without its extension: {@code examples/grid.yaml} is {@code grid}. */
  static String configName(Path config) {
    return config.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
  }

  private static Path defaultDirectory(Path config) {
    String name = configName(config);
    return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }
}
