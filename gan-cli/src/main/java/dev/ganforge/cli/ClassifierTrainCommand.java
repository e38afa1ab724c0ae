package dev.ganforge.cli;

import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.data.Batch;
import dev.ganforge.core.data.DataConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.metrics.features.DomainClassifier;
import dev.ganforge.metrics.features.Extractors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan classifier train --data NAME}: trains the domain classifier of a labelled image dataset. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train the domain classifier of a labelled image dataset on its train split, report its "
        + "test-split accuracy, and save it where the metrics find it (GANFORGE_HOME/classifiers/NAME.zip, "
        + "GANFORGE_HOME defaulting to ~/.ganforge).")
final class ClassifierTrainCommand implements Callable<Integer> {
  private static final int TEST_IMAGES = 10_000;

  @Spec CommandSpec spec;

  @ParentCommand ClassifierCommand parent;

  @Option(names = "--data", required = true, paramLabel = "NAME",
      description = "A labelled image data type, e.g. fashion-mnist or mnist.")
  String data;

  @Option(names = "--steps", paramLabel = "N",
      description = "Optimizer steps (default ${DEFAULT-VALUE}: about 4 passes over Fashion-MNIST's 60,000 images).")
  int steps = 2000;

  @Option(names = "--batch-size", paramLabel = "N", description = "Images per step (default ${DEFAULT-VALUE}).")
  int batchSize = 128;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of initialisation and shuffling (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to save it; default the metrics' default location.")
  Path out;

  @Override
  public Integer call() {
    if (steps <= 0 || batchSize <= 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--steps and --batch-size must be positive");
    }
    ConfigMapper mapper = parent.gan.injector().getInstance(ConfigMapper.class);
    DataSource train = open(mapper, "train");
    DataSource test = open(mapper, "test");
    var info = train.info();
    if (info.classCount() <= 0 || info.sampleShape().size() != 3) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--data " + data + ": a domain classifier needs labelled images, and " + info.name() + " is not");
    }
    java.util.List<Long> shape = info.sampleShape();
    MultiLayerNetwork classifier =
        DomainClassifier.create(shape.get(0), shape.get(1), shape.get(2), info.classCount(), seed);
    Batch testSet = test.next(TEST_IMAGES);
    PrintWriter printer = spec.commandLine().getOut();
    printer.printf(Locale.ROOT, "training the %s classifier: %d steps of %d images%n", data, steps, batchSize);
    long start = System.nanoTime();
    double lossSum = 0;
    for (int step = 1; step <= steps; step++) {
      Batch batch = train.next(batchSize);
      lossSum += DomainClassifier.trainStep(classifier, batch.features(), batch.labels().orElseThrow());
      if (step % 100 == 0 || step == steps) {
        printer.printf(Locale.ROOT, "  step %d/%d, mean loss of the last %d steps %.4f, %.0f s%n", step, steps,
            (step - 1) % 100 + 1, lossSum / ((step - 1) % 100 + 1), (System.nanoTime() - start) / 1e9);
        printer.flush();
        lossSum = 0;
      }
    }
    double accuracy = DomainClassifier.accuracy(classifier, testSet.features(), testSet.labels().orElseThrow());
    printer.printf(Locale.ROOT, "test accuracy %.2f%% on %d images%n", 100 * accuracy, testSet.features().size(0));
    Path target = out != null ? out : Extractors.defaultClassifier(data);
    save(classifier, target);
    printer.printf(Locale.ROOT, "saved to %s (test accuracy %.2f%%, features from layer %d)%n", target,
        100 * accuracy, DomainClassifier.FEATURE_LAYER);
    return 0;
  }

  private DataSource open(ConfigMapper mapper, String split) {
    DataConfig config = mapper.read("{type: " + data + ", split: " + split + "}", false, "--data", DataConfig.class);
    return DataSources.open(config, seed, DataType.FLOAT);
  }

  /** Writes to a temporary file first, so an interrupted save never leaves a broken classifier behind. */
  private static void save(MultiLayerNetwork classifier, Path target) {
    try {
      Path folder = target.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      Path temporary = Files.createTempFile(folder, target.getFileName().toString(), ".part");
      ModelSerializer.writeModel(classifier, temporary.toFile(), false);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the classifier to " + target + ": " + e.getMessage(), e);
    }
  }
}
