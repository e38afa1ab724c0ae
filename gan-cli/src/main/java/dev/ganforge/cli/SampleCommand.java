package dev.ganforge.cli;

import dev.ganforge.core.random.SplitMixRandom;
import dev.ganforge.core.run.Samples;
import dev.ganforge.core.run.RunSnapshot;
import dev.ganforge.core.run.Runs;
import dev.ganforge.core.run.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan sample RUN_DIR}: draws samples from a run's generator. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Draw samples from a run's generator at its latest (or a chosen) checkpoint: a PNG grid for "
        + "images, a CSV (plus a scatter PNG for 2-D data) for vectors. For Gaussian mixtures it also reports "
        + "mode coverage.")
final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "RUN_DIR", description = "The run directory.")
  Path run;

  @Option(names = "--n", paramLabel = "N", description = "How many samples; default 64 images or 2500 vectors.")
  Integer count;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write, without or with extension; default RUN_DIR/samples/sample-<checkpoint>.")
  Path out;

  @Option(names = "--force", description = "Replace what --out names if it exists.")
  boolean force;

  @Option(names = "--checkpoint", paramLabel = "STEP", description = "A checkpoint name or step; default latest.")
  String checkpoint;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the latent noise; default the run's seed.")
  Long seed;

  @Option(names = "--label", paramLabel = "K",
      description = "Conditional models: draw only class K (0-based); default one row per class.")
  Integer label;

  @Override
  public Integer call() {
    RunSnapshot snapshot = gan.injector().getInstance(Runs.class).snapshot(run, Optional.ofNullable(checkpoint));
    boolean images = Samples.areImages(snapshot.data().info());
    int classes = snapshot.model().classCount();
    checkLabel(classes);
    int n = count != null ? count
        : images ? (classes > 0 && label == null ? classes * TrainingRun.GRID_COLUMNS_PER_CLASS : 64) : 2500;
    if (n <= 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--n must be positive, got " + n);
    }
    long noiseSeed = seed != null ? seed : snapshot.config().seed();
    SplitMixRandom noise = SplitMixRandom.stream(noiseSeed, "sample");
    INDArray samples = label != null ? snapshot.sample(noise, n, label) : snapshot.sample(noise, n);
    // One row per class when the classes come in equal blocks; a square grid otherwise.
    int columns = classes > 0 && label == null && n % classes == 0 ? n / classes : (int) Math.ceil(Math.sqrt(n));
    Path base = out != null
        ? out.resolveSibling(out.getFileName().toString().replaceFirst("\\.(png|csv)$", ""))
        : run.resolve("samples").resolve("sample-" + snapshot.checkpoint());
    if (out != null && !force) {
      for (String extension : new String[] {".png", ".csv"}) {
        Path existing = base.resolveSibling(base.getFileName() + extension);
        if (java.nio.file.Files.exists(existing)) {
          throw new UsageException(existing + " exists; choose another --out, or add --force to replace it");
        }
      }
    }
    PrintWriter printer = spec.commandLine().getOut();
    try {
      Path written = Samples.write(samples, images ? null : snapshot.data().fixedSamples(Math.min(n, 2500)),
          snapshot.data().info(), base, columns);
      printer.println("wrote " + n + " samples" + (label != null ? " of class " + label : "") + " from "
          + snapshot.checkpoint() + " to " + written);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write samples to " + base + ": " + e.getMessage(), e);
    }
    ModeCoverageReport.print(gan, snapshot, samples, printer);
    return 0;
  }

  private void checkLabel(int classes) {
    if (label == null) {
      return;
    }
    if (classes == 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--label: the run's model is not "
          + "conditional (its generator has no label-embedding layer), so it cannot draw a chosen class; "
          + "leave --label out");
    }
    if (label < 0 || label >= classes) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--label must be a class from 0 to "
          + (classes - 1) + ", got " + label);
    }
  }
}
