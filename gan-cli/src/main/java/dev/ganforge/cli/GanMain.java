package dev.ganforge.cli;

import dev.ganforge.core.engine.LayerHelpers;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;

/** Entry point of the {@code gan} launcher. */
public final class GanMain {
  private GanMain() {}

  public static void main(String[] args) {
    NativeMemoryLimits.applyDefaults(); // before anything loads ND4J
    Optional<String> gpu = CudaSupport.problem(); // before ND4J meets a GPU it cannot use
    if (gpu.isPresent()) {
      System.err.println("error: " + gpu.get());
      System.exit(ErrorHandler.USAGE);
    }
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line with the given streams and returns its exit code (see {@link ErrorHandler}). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    LayerHelpers.enable(); // before any network (the domain classifier too) is instantiated
    CommandLine commandLine = new CommandLine(new GanCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setUsageHelpAutoWidth(true);
    int exitCode = commandLine.execute(args);
    out.flush();
    err.flush();
    return exitCode;
  }
}
