package dev.ganforge.cli;

import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.api.DatasetInfo;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.data.DataUnavailableException;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.run.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan validate CONFIG}: checks a config and reports every problem at once. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check a YAML or JSON config against the schema of every loaded plugin. All problems are "
            + "reported together, each with its path; exit 2 if there is any.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "CONFIG", description = "The config file (.yaml, .yml or .json).")
  Path config;

  @Option(names = "--print", description = "Print the config with every default filled in.")
  boolean print;

  @Override
  public Integer call() {
    ConfigMapper mapper = gan.injector().getInstance(ConfigMapper.class);
    GanConfig resolved = mapper.read(config, GanConfig.class);
    PrintWriter out = spec.commandLine().getOut();
    DatasetInfo data;
    try {
      data = DataSources.open(resolved.data(), resolved.seed(), TrainingRun.DATA_TYPE).info();
    } catch (DataUnavailableException e) {
      out.println(config + " is valid; its networks were not checked against the data, which cannot be opened "
          + "here: " + e.getMessage());
      data = null;
    }
    if (data != null) {
      // Both networks as the data shapes them, and their memory, without allocating anything.
      GanModel.check(resolved, mapper.registry(), data, TrainingRun.DATA_TYPE);
      out.println(config + " is valid.");
    }
    if (print) {
      out.print(mapper.toYaml(resolved));
    }
    return 0;
  }
}
