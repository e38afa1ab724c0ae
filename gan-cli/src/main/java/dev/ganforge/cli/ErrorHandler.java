package dev.ganforge.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import dev.ganforge.core.GanForgeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps every error to an exit code, in one place: {@link GanForgeException}s carry theirs (2 bad usage or
 * config, 3 missing data) and print their message alone; anything else is exit 1. Stack traces only with
 * {@code --stacktrace}. Usage errors found while parsing arguments are picocli's, also exit 2.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  static final int FAILURE = GanForgeException.FAILURE;
  static final int USAGE = GanForgeException.USAGE;

  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    Throwable error = unwrap(exception);
    boolean stacktrace = stacktraceRequested(parseResult);
    int exitCode;
    if (error instanceof GanForgeException known) {
      err.println("error: " + known.getMessage());
      exitCode = known.exitCode();
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
