package dev.ganforge.core.engine;

import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.random.SplitMixRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The learning-rate probe: can the generator, with a given learning rate, fit one fixed batch of real
 * samples from one fixed batch of latent codes (mean squared error, no discriminator)? A rate that cannot
 * even memorise a batch, or that blows up doing it, will not train the GAN. Each rate starts from the same
 * initial weights (the config's seed) with the config's optimizer.
 */
public final class LearningRateProbe {
  /** Final loss above this fraction of the first counts as not converged. */
  static final double CONVERGED_FRACTION = 0.5;
  /** A loss above this many times the first counts as diverged (Adam's first steps may overshoot a little). */
  static final double DIVERGED_FACTOR = 10;

  private LearningRateProbe() {}

  /**
   * The losses of one rate, step by step; diverged when a loss went NaN, infinite, or above
   * {@value #DIVERGED_FACTOR} times the first (the probe stops that rate there).
   */
  public record Curve(double learningRate, double[] losses, boolean diverged) {
    public double first() {
      return losses[0];
    }

    public double last() {
      return losses[losses.length - 1];
    }

    /** Converged: not diverged, and the last loss at most half the first. */
    public boolean converged() {
      return !diverged && last() <= CONVERGED_FRACTION * first();
    }
  }

  /**
   * Trains a fresh generator for {@code steps} steps at each rate.
   *
   * @param progress told the index of each rate as it starts
   */
  public static List<Curve> run(GanConfig config, PluginRegistry registry, DataSource data, DataType dataType,
      List<Double> learningRates, int steps, int batchSize, IntConsumer progress) {
    INDArray real = data.fixedSamples(batchSize);
    GanModel probe = GanModel.assemble(config, registry, data.info(), dataType);
    INDArray latent = config.latent().sample(SplitMixRandom.stream(config.seed(), "lr-probe"), dataType, batchSize);
    INDArray labels = probe.classCount() > 0 ? probe.oneHot(probe.gridClasses(batchSize)) : null;
    List<Curve> curves = new ArrayList<>();
    for (int r = 0; r < learningRates.size(); r++) {
      progress.accept(r);
      // The same initial weights for every rate: assembled from the config's seed each time.
      MultiLayerNetwork generator = GanModel.assemble(config, registry, data.info(), dataType).generator();
      generator.setLearningRate(learningRates.get(r));
      curves.add(fit(generator, latent, labels, real, learningRates.get(r), steps));
    }
    return curves;
  }

  private static Curve fit(MultiLayerNetwork generator, INDArray latent, INDArray labels, INDArray real,
      double learningRate, int steps) {
    double[] losses = new double[steps];
    INDArray target = real.reshape(real.size(0), -1);
    for (int step = 0; step < steps; step++) {
      Conditioning.setLabels(generator, labels);
      generator.setInput(latent);
      List<INDArray> activations = generator.feedForward(true, false);
      INDArray output = activations.get(activations.size() - 1);
      INDArray difference = output.reshape(output.size(0), -1).sub(target.castTo(output.dataType()));
      double loss = difference.mul(difference).meanNumber().doubleValue();
      losses[step] = loss;
      if (!Double.isFinite(loss) || loss > DIVERGED_FACTOR * losses[0]) {
        return new Curve(learningRate, java.util.Arrays.copyOf(losses, step + 1), true);
      }
      INDArray gradient = difference.muli(2.0 / difference.length()).reshape(output.shape());
      Gradient parameters = generator.backpropGradient(gradient, LayerWorkspaceMgr.noWorkspaces()).getFirst();
      generator.getUpdater().update(generator, parameters, step, 0, (int) latent.size(0),
          LayerWorkspaceMgr.noWorkspaces());
      generator.params().subi(generator.getGradientsViewArray().reshape(generator.params().shape()));
      Activations.release(generator);
    }
    return new Curve(learningRate, losses, false);
  }

  /** The largest rate that converged, if any. */
  public static Optional<Double> recommend(List<Curve> curves) {
    return curves.stream().filter(Curve::converged).map(Curve::learningRate).max(Double::compare);
  }
}
