package dev.ganforge.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The relativistic GAN (RSGAN, Jolicoeur-Martineau 2018, equations 3-4): D estimates the probability
 * that a real sample is more realistic than a fake one, pairing the i-th real with the i-th fake.
 * D minimises {@code mean_i f(r_i - f_i)}, G minimises {@code mean_i f(f_i - r_i)}, so G's loss reads
 * real scores too; {@code f} is the {@link RelativisticVariant}.
 */
public final class RelativisticLoss implements Loss {
  private final RelativisticVariant variant;

  public RelativisticLoss(Config config) {
    this.variant = config.variant();
  }

  @Override
  public boolean generatorUsesRealScores() {
    return true;
  }

  @Override
  public LossValue discriminatorLoss(Scores scores) {
    return paired(scores.requireReal(), scores.fake(), false);
  }

  @Override
  public LossValue generatorLoss(Scores scores) {
    return paired(scores.requireReal(), scores.fake(), true);
  }

  /** {@code mean_i f(s * (r_i - f_i))} with s = -1 for G, and both derivatives. */
  private LossValue paired(INDArray realScores, INDArray fakeScores, boolean generator) {
    double[] r = realScores.toDoubleVector();
    double[] f = fakeScores.toDoubleVector();
    if (r.length != f.length) {
      throw new IllegalArgumentException("relativistic pairs real and fake samples: got "
          + r.length + " real and " + f.length + " fake scores");
    }
    int n = r.length;
    double sign = generator ? -1 : 1;
    double value = 0;
    double[] realGradient = new double[n];
    double[] fakeGradient = new double[n];
    for (int i = 0; i < n; i++) {
      double d = sign * (r[i] - f[i]);
      value += variant.value(d);
      double slope = variant.derivative(d) * sign / n;
      realGradient[i] = slope;
      fakeGradient[i] = -slope;
    }
    INDArray realOut = like(realScores, realGradient);
    INDArray fakeOut = like(fakeScores, fakeGradient);
    return generator ? LossValue.ofFake(value / n, fakeOut) : LossValue.of(value / n, realOut, fakeOut);
  }

  static INDArray like(INDArray scores, double[] values) {
    return Nd4j.createFromArray(values).reshape(scores.shape()).castTo(scores.dataType());
  }

  /** Config of {@code relativistic}. */
  public record Config(
      @JsonPropertyDescription("f applied to score differences: standard (RSGAN, softplus), "
          + "least-squares or hinge.") RelativisticVariant variant) implements LossConfig {
    public Config {
      variant = variant == null ? RelativisticVariant.STANDARD : variant;
    }
  }

  /** Registers {@code relativistic}. */
  @AutoService(LossProvider.class)
  public static final class Provider implements LossProvider<Config> {
    @Override
    public String type() {
      return "relativistic";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Loss create(Config config, PluginContext context) {
      return new RelativisticLoss(config);
    }

    @Override
    public String description() {
      return "Jolicoeur-Martineau 2018 (RSGAN): D judges whether a real sample is more realistic than a "
          + "paired fake; G the reverse.";
    }
  }
}
