package dev.ganforge.cli;

import dev.ganforge.core.run.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs training with progress output and tells the user where to look afterwards. */
final class RunReport {
  private RunReport() {}

  static int train(TrainingRun run, CommandLine commandLine, boolean noProgress) {
    PrintWriter out = commandLine.getOut();
    out.println("run directory: " + run.directory());
    out.flush();
    try (ProgressListener progress = new ProgressListener(commandLine.getErr(), !noProgress && System.console() != null);
        Interrupts interrupts = Interrupts.routeTo(run, commandLine.getErr())) {
      run.train(progress);
    }
    Path samples = run.directory().resolve("samples");
    String last = String.format("step-%06d", run.step());
    String sample = Files.exists(samples.resolve(last + ".png")) ? last + ".png" : last + ".csv";
    out.println("finished " + run.step() + " steps.");
    out.println("  samples:     " + samples.resolve(sample));
    out.println("  metrics:     " + run.directory().resolve("metrics.jsonl"));
    out.println("  checkpoints: " + run.directory().resolve("checkpoints"));
    out.println("  more samples: gan sample " + run.directory() + " --n 2500;  train longer: gan resume "
        + run.directory() + " --steps " + (run.step() * 2));
    return 0;
  }
}
