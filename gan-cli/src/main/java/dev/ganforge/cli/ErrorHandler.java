package dev.ganforge.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import dev.ganforge.core.GanForgeException;
import dev.ganforge.core.config.ConfigException;
import dev.ganforge.core.data.DataUnavailableException;
import dev.ganforge.core.engine.ModelException;
import dev.ganforge.core.engine.TrainingDivergedException;
import dev.ganforge.core.plugin.PluginConfigException;
import dev.ganforge.core.plugin.PluginLoadException;
import dev.ganforge.core.run.CheckpointException;
import dev.ganforge.core.run.RunDirectoryException;
import dev.ganforge.core.run.TrainingInterruptedException;
import dev.ganforge.core.run.TrainingStoppedException;
import dev.ganforge.core.sweep.SweepFailedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps every error to an exit code and a hint about what to type next, in one place: core's typed
 * exceptions carry messages for any caller; the codes and the command-line advice are the CLI's. Exit 2
 * for bad usage, configs, models, plugins and run directories (one held by another run too); 3 for
 * missing data and unreadable checkpoints; 4 for a run that diverged (a NaN or infinite loss); 5 for a run
 * its alert policy stopped; 6 for a full disk; 7 for a sweep that stopped (a task failed on every
 * attempt, or the destination holds a run of another config); 130 and 143 for a run stopped by Ctrl-C or SIGTERM after
 * a checkpoint; 1 for anything else (a bug). Stack traces only with {@code --stacktrace}. Usage errors
 * found while parsing arguments are picocli's, also exit 2.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  static final int FAILURE = 1;
  static final int USAGE = 2;
  static final int DATA = 3;
  static final int DIVERGED = 4;
  static final int STOPPED = 5;
  static final int DISK_FULL = 6;
  static final int SWEEP_FAILED = 7;
  static final int INTERRUPTED = 130;
  static final int TERMINATED = 143;

  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    Throwable error = unwrap(exception);
    boolean stacktrace = stacktraceRequested(parseResult);
    int exitCode;
    if (isDiskFull(error)) {
      err.println("error: the disk is full (" + error.getMessage() + "); the run's last complete checkpoint is "
          + "intact: free some space, then resume the run");
      exitCode = DISK_FULL;
    } else if (error instanceof GanForgeException || error instanceof UsageException) {
      err.println("error: " + error.getMessage() + hint(error));
      exitCode = exitCode(error);
    } else {
      err.println("error: " + error.getClass().getSimpleName()
          + (error.getMessage() == null ? "" : ": " + error.getMessage()));
      if (!stacktrace) {
        err.println("This looks like a bug in GANForge or a plugin; rerun with --stacktrace and report it.");
      }
      exitCode = FAILURE;
    }
    if (stacktrace) {
      error.printStackTrace(err);
    }
    err.flush();
    return exitCode;
  }

  /** The exit code of a known error. */
  static int exitCode(Throwable error) {
    if (error instanceof DataUnavailableException || error instanceof CheckpointException) {
      return DATA;
    }
    if (error instanceof TrainingDivergedException) {
      return DIVERGED;
    }
    if (error instanceof TrainingStoppedException) {
      return STOPPED;
    }
    if (error instanceof SweepFailedException) {
      return SWEEP_FAILED;
    }
    if (error instanceof TrainingInterruptedException interrupted) {
      return interrupted.reason().equals("SIGTERM") ? TERMINATED : INTERRUPTED;
    }
    if (error instanceof UsageException || error instanceof ConfigException || error instanceof ModelException
        || error instanceof PluginLoadException || error instanceof PluginConfigException
        || error instanceof RunDirectoryException) {
      return USAGE;
    }
    return FAILURE;
  }

  /** What to type next, where the error tells. */
  private static String hint(Throwable error) {
    if (error instanceof RunDirectoryException directory) {
      Path run = directory.directory();
      return switch (directory.reason()) {
        case TAKEN -> java.nio.file.Files.isRegularFile(run.resolve("config.yaml"))
            ? "; choose another --out, or continue that run with: gan resume " + run : "; choose another --out";
        case NOT_A_DIRECTORY -> "; choose another --out";
        case NOT_A_RUN -> "; start a run there with: gan train CONFIG --out " + run;
        case NO_SUCH_CHECKPOINT -> "";
        case LOCKED -> "; wait for it to finish, or stop it first (Ctrl-C writes a checkpoint)";
        case UNWRITABLE -> "; choose a writable --out";
      };
    }
    if (error instanceof TrainingDivergedException diverged && diverged.runDirectory().isPresent()) {
      return ". Resume it with: gan resume " + diverged.runDirectory().get();
    }
    if (error instanceof TrainingStoppedException stopped) {
      return ". Resume it with: gan resume " + stopped.runDirectory();
    }
    if (error instanceof TrainingInterruptedException interrupted) {
      return ". Resume it with: gan resume " + interrupted.runDirectory();
    }
    return "";
  }

  /** A write that failed for want of space, anywhere in the cause chain (ENOSPC). */
  static boolean isDiskFull(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && cause.getMessage().contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }

  /** Guice wraps what a provider throws; the user needs the original. */
  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof ProvisionException || current instanceof CreationException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    if (current instanceof ProvisionException provision && !provision.getErrorMessages().isEmpty()
        && provision.getErrorMessages().iterator().next().getCause() != null) {
      return provision.getErrorMessages().iterator().next().getCause();
    }
    return current;
  }

  private static boolean stacktraceRequested(ParseResult parseResult) {
    for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--stacktrace")) {
        return true;
      }
    }
    return false;
  }
}
