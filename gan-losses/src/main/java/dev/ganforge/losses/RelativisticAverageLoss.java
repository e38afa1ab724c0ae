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

/**
 * The relativistic average GAN (RaGAN, Jolicoeur-Martineau 2018, equations 7-8 and the RaLSGAN and
 * RaHingeGAN variants of section 4.3): each sample is compared with the average of the other side,
 * <pre>
 *   L_D = mean_i f(r_i - mean(f)) + mean_j f(mean(r) - f_j)
 *   L_G = mean_j f(f_j - mean(r)) + mean_i f(mean(f) - r_i)
 * </pre>
 * with {@code f} the {@link RelativisticVariant}: standard {@code softplus(-d)}, least-squares
 * {@code (d - 1)^2}, hinge {@code max(0, 1 - d)}. Real and fake batches may differ in size.
 */
public final class RelativisticAverageLoss implements Loss {
  private final RelativisticVariant variant;

  public RelativisticAverageLoss(Config config) {
    this.variant = config.variant();
  }

  @Override
  public boolean generatorUsesRealScores() {
    return true;
  }

  @Override
  public LossValue discriminatorLoss(Scores scores) {
    INDArray[] gradients = new INDArray[2];
    double value = averaged(scores.requireReal(), scores.fake(), gradients);
    return LossValue.of(value, gradients[0], gradients[1]);
  }

  @Override
  public LossValue generatorLoss(Scores scores) {
    // G's loss is D's with the roles of real and fake swapped.
    INDArray[] gradients = new INDArray[2];
    double value = averaged(scores.fake(), scores.requireReal(), gradients);
    return LossValue.ofFake(value, gradients[0]);
  }

  /**
   * {@code mean_i f(a_i - mean(b)) + mean_j f(mean(a) - b_j)}; writes the derivatives with respect to
   * {@code a} and {@code b} into {@code gradients[0]} and {@code [1]}.
   */
  private double averaged(INDArray aScores, INDArray bScores, INDArray[] gradients) {
    double[] a = aScores.toDoubleVector();
    double[] b = bScores.toDoubleVector();
    int na = a.length;
    int nb = b.length;
    double meanA = mean(a);
    double meanB = mean(b);
    double value = 0;
    double[] slopeA = new double[na]; // f'(a_i - mean b)
    double[] slopeB = new double[nb]; // f'(mean a - b_j)
    for (int i = 0; i < na; i++) {
      value += variant.value(a[i] - meanB) / na;
      slopeA[i] = variant.derivative(a[i] - meanB);
    }
    for (int j = 0; j < nb; j++) {
      value += variant.value(meanA - b[j]) / nb;
      slopeB[j] = variant.derivative(meanA - b[j]);
    }
    double meanSlopeA = mean(slopeA);
    double meanSlopeB = mean(slopeB);
    double[] gradA = new double[na];
    double[] gradB = new double[nb];
    for (int i = 0; i < na; i++) {
      gradA[i] = (slopeA[i] + meanSlopeB) / na; // direct term, plus a_i's share of mean(a)
    }
    for (int j = 0; j < nb; j++) {
      gradB[j] = -(slopeB[j] + meanSlopeA) / nb;
    }
    gradients[0] = RelativisticLoss.like(aScores, gradA);
    gradients[1] = RelativisticLoss.like(bScores, gradB);
    return value;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Config of {@code relativistic-average}. */
  public record Config(
      @JsonPropertyDescription("f applied to score differences: standard (RaSGAN, softplus), "
          + "least-squares (RaLSGAN) or hinge (RaHingeGAN).") RelativisticVariant variant)
      implements LossConfig {
    public Config {
      variant = variant == null ? RelativisticVariant.STANDARD : variant;
    }
  }

  /** Registers {@code relativistic-average}. */
  @AutoService(LossProvider.class)
  public static final class Provider implements LossProvider<Config> {
    @Override
    public String type() {
      return "relativistic-average";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Loss create(Config config, PluginContext context) {
      return new RelativisticAverageLoss(config);
    }

    @Override
    public String description() {
      return "Jolicoeur-Martineau 2018 (RaGAN): each sample judged against the other side's average "
          + "score; standard, least-squares or hinge.";
    }
  }
}
