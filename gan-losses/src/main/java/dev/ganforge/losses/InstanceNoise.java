package dev.ganforge.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.regularizer.Regularizer;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.regularizer.RegularizerProvider;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Instance noise (Sonderby et al. 2017; Arjovsky and Bottou 2017): Gaussian noise added to every input
 * D sees, real and fake, in D and G steps alike, so the two distributions overlap and D's gradients stay
 * informative early on. The standard deviation falls linearly from {@code stddev} at step 0 to zero at
 * {@code annealSteps} (constant when {@code annealSteps} is 0).
 */
public final class InstanceNoise implements Regularizer {
  private final Config config;

  public InstanceNoise(Config config) {
    this.config = config;
  }

  /** The noise's standard deviation at {@code step}. */
  public double stddev(long step) {
    if (config.annealSteps() == 0) {
      return config.stddev();
    }
    return config.stddev() * Math.max(0.0, 1.0 - step / (double) config.annealSteps());
  }

  @Override
  public INDArray discriminatorInput(INDArray batch, boolean real, long step, RandomSource random) {
    double stddev = stddev(step);
    if (stddev == 0) {
      return batch;
    }
    return batch.add(random.normal(batch.dataType(), batch.shape()).muli(stddev));
  }

  /** Config of {@code instance-noise}. */
  public record Config(
      @JsonPropertyDescription("Standard deviation of the noise at step 0, in data units.") Double stddev,
      @JsonPropertyDescription("Steps over which the standard deviation falls linearly to 0; 0 keeps it "
          + "constant.") Integer annealSteps) implements RegularizerConfig {
    public Config {
      ConfigChecks.nonNegative("stddev", stddev);
      ConfigChecks.nonNegative("annealSteps", annealSteps);
      stddev = stddev == null ? 0.1 : stddev;
      annealSteps = annealSteps == null ? 0 : annealSteps;
    }
  }

  /** Registers {@code instance-noise}. */
  @AutoService(RegularizerProvider.class)
  public static final class Provider implements RegularizerProvider<Config> {
    @Override
    public String type() {
      return "instance-noise";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Regularizer create(Config config, PluginContext context) {
      return new InstanceNoise(config);
    }

    @Override
    public String description() {
      return "Sonderby et al. 2017: Gaussian noise on D's real and fake inputs, annealed linearly to zero.";
    }
  }
}
