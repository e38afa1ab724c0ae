package dev.ganforge.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.regularizer.Penalty;
import dev.ganforge.api.regularizer.RegularizationStep;
import dev.ganforge.api.regularizer.Regularizer;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.regularizer.RegularizerProvider;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DRAGAN (Kodali et al. 2017): the gradient penalty around the real data only,
 * {@code weight * E[(|grad D(x_p)| - 1)^2]} at {@code x_p = x + (1 - e) c std(x) u} with
 * {@code u ~ U[0, 1]} per element and {@code e ~ U[0, 1]} per sample, as in the authors' code; c is
 * {@code perturbation} (0.5) and std the standard deviation of the batch's elements (the population's, as numpy
 * computes it).
 */
public final class Dragan implements Regularizer {
  private final Config config;

  public Dragan(Config config) {
    this.config = config;
  }

  @Override
  public Penalty penalty(RegularizationStep step) {
    INDArray real = step.realBatch().castTo(DataType.DOUBLE);
    long n = real.size(0);
    // numpy's std, as the authors' code takes it: the population's (ND4J's stdNumber divides by N - 1).
    double spread = config.perturbation() * real.reshape(real.length()).std(false, 0).getDouble(0);
    INDArray noise = step.random().uniform(DataType.DOUBLE, 0, 1, n, real.length() / n).muli(spread);
    INDArray keep = step.random().uniform(DataType.DOUBLE, 0, 1, n, 1).rsubi(1.0);
    INDArray perturbed = real.reshape('c', n, real.length() / n).add(noise.muliColumnVector(keep))
        .reshape('c', real.shape());
    return InputGradientPenalty.at(
        step, perturbed, InputGradientPenalty.distanceFrom(1.0), config.weight());
  }

  /** Config of {@code dragan}. */
  public record Config(
      @JsonPropertyDescription("Penalty weight lambda; the paper uses 10.") Double weight,
      @JsonPropertyDescription("Perturbation scale c, in units of the real batch's standard deviation.")
          Double perturbation,
      @JsonPropertyDescription(LazyInterval.DESCRIPTION) Integer every) implements RegularizerConfig {
    public Config {
      ConfigChecks.nonNegative("weight", weight);
      ConfigChecks.nonNegative("perturbation", perturbation);
      weight = weight == null ? 10.0 : weight;
      perturbation = perturbation == null ? 0.5 : perturbation;
      every = LazyInterval.orDefault(every);
    }
  }

  /** Registers {@code dragan}. */
  @AutoService(RegularizerProvider.class)
  public static final class Provider implements RegularizerProvider<Config> {
    @Override
    public String type() {
      return "dragan";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Regularizer create(Config config, PluginContext context) {
      return new Dragan(config);
    }

    @Override
    public String description() {
      return "Kodali et al. 2017: weight * E[(|grad D| - 1)^2] around randomly perturbed real samples.";
    }
  }
}
