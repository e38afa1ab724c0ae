package dev.ganforge.core.engine;

import dev.ganforge.core.config.LatentConfig;
import dev.ganforge.core.random.SplitMixRandom;
import java.util.Optional;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fakes for training steps: latent codes from the run's latent stream, the labels a conditioning feature
 * asks for, and G's training-mode forward pass, whose activations G keeps for a later backpropagation.
 */
final class FakeSource {
  /** G's output as it left the network, in the data's shape for D, and the labels it was made for. */
  record Generated(INDArray raw, INDArray data, INDArray labels) {}

  private final LatentConfig latent;
  private final DataType dataType;
  private final SplitMixRandom random;
  private final TrainingFeatures features;
  private final Scratch scratch;
  private final Supplier<GanModel> model;

  FakeSource(LatentConfig latent, DataType dataType, SplitMixRandom random, TrainingFeatures features,
      Scratch scratch, Supplier<GanModel> model) {
    this.latent = latent;
    this.dataType = dataType;
    this.random = random;
    this.features = features;
    this.scratch = scratch;
    this.model = model;
  }

  /** Latent codes {@code [n, latentSize]} from the run's latent stream. */
  INDArray latent(int n) {
    return latent.sample(random, dataType, n);
  }

  /**
   * {@code n} fakes from fresh latent codes, for the labels of the real batch they will be judged with
   * ({@code realLabels}), or for labels of their own when a conditioning feature draws them.
   */
  Generated generate(int n, Optional<INDArray> realLabels) {
    INDArray codes = scratch.keep(latent(n));
    // Labels drawn for fakes of their own are this iteration's; a real batch's belong to its source.
    INDArray labels = features.fakeLabels(n, realLabels, random)
        .map(drawn -> realLabels.isPresent() ? drawn : scratch.keep(drawn)).orElse(null);
    GanModel current = model.get();
    Conditioning.setLabels(current.generator(), labels);
    INDArray raw = NetworkPass.ITERATION.forward(current.generator(), codes);
    return new Generated(raw, current.toDataShape(raw), labels);
  }
}
