package dev.ganforge.losses;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feature matching (Salimans et al. 2016, section 3.1): G minimises
 * {@code weight * |mean_real f(x) - mean_fake f(G(z))|^2}, with f the output of an intermediate
 * discriminator layer ({@code layer}, an index into the config's discriminator layers; -2, the layer
 * before the score, by default), plus {@code adversarialWeight} times the non-saturating generator loss
 * (0: feature matching alone, as in the paper). D trains with the usual sigmoid cross-entropy.
 */
public final class FeatureMatchingLoss implements Loss {
  private final Config config;
  private final String layer;

  public FeatureMatchingLoss(Config config) {
    this.config = config;
    this.layer = "discriminator.layers[" + config.layer() + "]";
  }

  @Override
  public List<String> featureLayers() {
    return List.of(layer);
  }

  @Override
  public LossValue discriminatorLoss(Scores scores) {
    return Logistic.discriminatorCrossEntropy(scores, config.realLabel(), 0.0);
  }

  @Override
  public LossValue generatorLoss(Scores scores) {
    INDArray real = scores.realFeatures().get(layer);
    INDArray fake = scores.fakeFeatures().get(layer);
    if (real == null || fake == null) {
      throw new IllegalStateException("feature-matching needs the features of " + layer + " from the engine");
    }
    long n = fake.size(0);
    INDArray realMean = real.castTo(DataType.DOUBLE).reshape('c', real.size(0), real.length() / real.size(0)).mean(0);
    INDArray fakeFlat = fake.castTo(DataType.DOUBLE).reshape('c', n, fake.length() / n);
    INDArray difference = fakeFlat.mean(0).subi(realMean); // mean_fake - mean_real
    double value = config.weight() * difference.mul(difference).sumNumber().doubleValue();
    // d/d f_j = 2 weight (mean_fake - mean_real) / n for every fake sample j
    INDArray featureGradient = Nd4j.zeros(DataType.DOUBLE, fakeFlat.shape()).addiRowVector(difference.mul(2 * config.weight() / n))
        .reshape('c', fake.shape()).castTo(fake.dataType());

    INDArray fakeGradient = scores.fake().ulike().assign(0);
    if (config.adversarialWeight() > 0) {
      INDArray adversarial = scores.fake().ulike();
      value += config.adversarialWeight() * Logistic.crossEntropy(scores.fake(), 1.0, adversarial);
      fakeGradient = adversarial.muli(config.adversarialWeight());
    }
    return new LossValue(value, Optional.empty(), fakeGradient, Map.of(layer, featureGradient));
  }

  /** Config of {@code feature-matching}. */
  public record Config(
      @JsonPropertyDescription("Which discriminator layer's output to match: an index into discriminator.layers, "
          + "negative from the end (-2: the layer before the score).") Integer layer,
      @JsonPropertyDescription("Weight of the squared distance between the mean real and fake features.")
          Double weight,
      @JsonPropertyDescription("Weight of the non-saturating adversarial term added to G's loss; 0 is feature "
          + "matching alone.") Double adversarialWeight,
      @JsonPropertyDescription(RealLabel.DESCRIPTION) Double realLabel) implements LossConfig {
    public Config {
      ConfigChecks.nonNegative("weight", weight);
      ConfigChecks.nonNegative("adversarialWeight", adversarialWeight);
      layer = layer == null ? -2 : layer;
      weight = weight == null ? 1.0 : weight;
      adversarialWeight = adversarialWeight == null ? 0.0 : adversarialWeight;
      realLabel = RealLabel.orDefault(realLabel);
    }
  }

  /** Registers {@code feature-matching}. */
  @AutoService(LossProvider.class)
  public static final class Provider implements LossProvider<Config> {
    @Override
    public String type() {
      return "feature-matching";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Loss create(Config config, PluginContext context) {
      return new FeatureMatchingLoss(config);
    }

    @Override
    public String description() {
      return "Salimans et al. 2016: G matches the mean of an intermediate D layer's features on real data, "
          + "optionally plus the non-saturating loss.";
    }
  }
}
