package dev.ganforge.cli;

import dev.ganforge.core.data.SampleFiles;
import dev.ganforge.core.engine.GeneratorMetrics;
import dev.ganforge.core.random.SplitMixRandom;
import dev.ganforge.core.run.Samples;
import dev.ganforge.core.run.RunSnapshot;
import dev.ganforge.core.run.Runs;
import dev.ganforge.core.run.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
        + "images, a CSV (plus a scatter PNG for 2-D data) for vectors, or with --format a set other tools read "
        + "(NumPy, a folder of PNGs, idx). For Gaussian mixtures it also reports mode coverage.")
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

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "png (default): a grid of images, or a CSV for vectors; npy: one NumPy array [n, c, h, w] "
          + "of float32 in [-1, 1] (BASE.npy); png-dir: a folder of one PNG per sample (BASE/), what "
          + "torch-fidelity and clean-fid read; idx: the MNIST format (BASE-images-idx3-ubyte). The last three "
          + "stream in batches of " + GeneratorMetrics.SAMPLE_BATCH + " (any --n), write the classes of a "
          + "conditional run beside the samples, and hold exactly what gan eval --seed measures with the same "
          + "seed.")
  String format = "png";

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
    SplitMixRandom noise = SplitMixRandom.stream(noiseSeed, GeneratorMetrics.SAMPLE_STREAM);
    if (!format.equals("png")) {
      writeSet(snapshot, noise, n, classes);
      return 0;
    }
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

  /** Streams {@code n} samples into a sample set of {@link #format}, in the batches gan eval draws. */
  private void writeSet(RunSnapshot snapshot, SplitMixRandom noise, int n, int classes) {
    SampleFiles.Format setFormat = SampleFiles.Format.of(format)
        .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be one "
            + "of png, npy, png-dir, idx; got " + format));
    List<Long> shape = snapshot.data().info().sampleShape();
    if (!setFormat.holds(shape)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format " + format + " holds images "
          + "of 1 or 3 channels; this run's samples have shape " + shape + ": use --format npy");
    }
    Path base = out != null
        ? out.resolveSibling(out.getFileName().toString().replaceFirst("\\.npy$", ""))
        : run.resolve("samples").resolve("sample-" + snapshot.checkpoint());
    Path target = SampleFiles.pathOf(setFormat, base, shape);
    if (Files.exists(target) && !(setFormat == SampleFiles.Format.PNG_DIR && isEmptyFolder(target))) {
      if (!force) {
        throw new UsageException(target + " exists; choose another --out, or add --force to replace it");
      }
      clear(target);
    }
    PrintWriter printer = spec.commandLine().getOut();
    PrintWriter progress = spec.commandLine().getErr();
    int reportEvery = Math.max(GeneratorMetrics.SAMPLE_BATCH, n / 10);
    try (SampleFiles.Writer writer = SampleFiles.create(setFormat, base, shape, n, classes > 0)) {
      for (int start = 0; start < n; start += GeneratorMetrics.SAMPLE_BATCH) {
        int size = Math.min(GeneratorMetrics.SAMPLE_BATCH, n - start);
        int[] drawn = classes == 0 ? null : label != null ? constant(size, label) : snapshot.model().gridClasses(size);
        writer.write(label != null ? snapshot.sample(noise, size, label) : snapshot.sample(noise, size), drawn);
        if (n > reportEvery && (start + size) % reportEvery < GeneratorMetrics.SAMPLE_BATCH && start + size < n) {
          progress.println("drew " + (start + size) + " of " + n + " samples");
          progress.flush();
        }
      }
      printer.println("wrote " + n + " samples" + (label != null ? " of class " + label : "") + " from "
          + snapshot.checkpoint() + " to " + writer.path() + " (" + format + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write samples to " + target + ": " + e.getMessage(), e);
    }
  }

  private static int[] constant(int size, int value) {
    int[] values = new int[size];
    Arrays.fill(values, value);
    return values;
  }

  private static boolean isEmptyFolder(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** Removes what an earlier set left at {@code target}: the file, or a folder's PNGs and labels. */
  private static void clear(Path target) {
    try {
      if (!Files.isDirectory(target)) {
        Files.delete(target);
        return;
      }
      try (Stream<Path> entries = Files.list(target)) {
        for (Path entry : entries.toList()) {
          String name = entry.getFileName().toString();
          if (name.endsWith(".png") || name.equals("labels.csv")) {
            Files.delete(entry);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + target + ": " + e.getMessage(), e);
    }
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
