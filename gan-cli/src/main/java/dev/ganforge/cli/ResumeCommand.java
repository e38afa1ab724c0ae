package dev.ganforge.cli;

import dev.ganforge.core.run.Runs;
import dev.ganforge.core.run.TrainingRun;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan resume RUN_DIR}: continues a run from its latest checkpoint, exactly. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Continue a run from its latest checkpoint (after a crash, a kill or Ctrl-C), exactly as if "
        + "it had not stopped; --steps extends it.")
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "RUN_DIR", description = "The run directory.")
  Path run;

  @Option(names = "--steps", paramLabel = "N", description = "Train to this total number of steps.")
  Integer steps;

  @Option(names = "--no-progress", description = "Print status lines instead of a progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    TrainingRun training = gan.injector().getInstance(Runs.class).resume(run, Optional.ofNullable(steps));
    return RunReport.train(training, spec.commandLine(), noProgress);
  }
}
