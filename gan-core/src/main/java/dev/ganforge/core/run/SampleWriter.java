package dev.ganforge.core.run;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.listener.RunStart;
import dev.ganforge.core.engine.GanModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes fixed-noise samples every {@code sampleEvery} steps and at the last step:
 * {@code samples/step-000500.png} (and {@code .csv} with a scatter plot over real samples for vectors).
 */
final class SampleWriter implements RunListener {
  private final Path directory;
  private final Supplier<GanModel> model;
  private final DatasetInfo data;
  private final INDArray fixedNoise;
  private final INDArray fixedReal;
  private final int sampleEvery;
  private long total;

  /**
   * @param fixedNoise the latent codes of every grid
   * @param fixedReal real samples drawn under vector samples; null for images
   */
  SampleWriter(Path directory, Supplier<GanModel> model, DatasetInfo data, INDArray fixedNoise, INDArray fixedReal,
      int sampleEvery) {
    this.directory = directory;
    this.model = model;
    this.data = data;
    this.fixedNoise = fixedNoise;
    this.fixedReal = fixedReal;
    this.sampleEvery = sampleEvery;
  }

  @Override
  public void onStart(RunStart start) {
    total = start.totalSteps();
  }

  @Override
  public void onIteration(long step, Map<String, Double> scalars) {
    if (step % sampleEvery == 0 || step == total) {
      write(String.format("step-%06d", step));
    }
  }

  private void write(String name) {
    GanModel current = model.get();
    try {
      Samples.write(current.sample(fixedNoise), fixedReal, data, directory.resolve(name),
          current.classCount() > 0 ? TrainingRun.GRID_COLUMNS_PER_CLASS
              : (int) Math.ceil(Math.sqrt(fixedNoise.size(0))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write samples to " + directory, e);
    }
  }
}
