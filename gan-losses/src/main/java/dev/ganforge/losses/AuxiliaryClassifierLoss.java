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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AC-GAN (Odena et al. 2017): the discriminator also classifies. D outputs {@code 1 + K} raw values per
 * sample: column 0 is the adversarial score, scored with the non-saturating loss; columns 1..K are class
 * logits, scored with the softmax cross-entropy {@code CE = logsumexp(z) - z[c]} against the sample's
 * label (for fakes, the class G was asked for).
 *
 * <pre>
 *   D: BCE(r, realLabel) + BCE(f, 0) + classWeight (CE_real + [classifyFakes] CE_fake)
 *   G: BCE(f, 1) + classWeight CE_fake
 * </pre>
 *
 * Every term is a batch mean; d CE / d z = (softmax(z) - onehot) / n.
 */
public final class AuxiliaryClassifierLoss implements Loss {
  private final Config config;
  private final int classes;

  public AuxiliaryClassifierLoss(Config config, int classes) {
    this.config = config;
    this.classes = classes;
  }

  @Override
  public int scoresPerSample() {
    return 1 + classes;
  }

  @Override
  public boolean usesLabels() {
    return true;
  }

  @Override
  public LossValue discriminatorLoss(Scores scores) {
    INDArray real = scores.requireReal();
    INDArray fake = scores.fake();
    INDArray realGradient = real.ulike();
    INDArray fakeGradient = fake.ulike();
    double value = Logistic.crossEntropy(adversarial(real), config.realLabel(), adversarial(realGradient))
        + Logistic.crossEntropy(adversarial(fake), 0.0, adversarial(fakeGradient));
    value += classCrossEntropy(real, labels(scores.realLabels(), "real"), realGradient);
    if (config.classifyFakes()) {
      value += classCrossEntropy(fake, labels(scores.fakeLabels(), "fake"), fakeGradient);
    }
    return LossValue.of(value, realGradient, fakeGradient);
  }

  @Override
  public LossValue generatorLoss(Scores scores) {
    INDArray fake = scores.fake();
    INDArray fakeGradient = fake.ulike();
    double value = Logistic.crossEntropy(adversarial(fake), 1.0, adversarial(fakeGradient))
        + classCrossEntropy(fake, labels(scores.fakeLabels(), "fake"), fakeGradient);
    return LossValue.ofFake(value, fakeGradient);
  }

  /** Column 0 as a view. */
  private static INDArray adversarial(INDArray scores) {
    return scores.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1));
  }

  private INDArray labels(java.util.Optional<INDArray> labels, String which) {
    return labels.orElseThrow(() -> new IllegalStateException("auxiliary-classifier needs the " + which
        + " samples' labels; the engine provides them for conditional models"));
  }

  /**
   * classWeight times the mean softmax cross-entropy of columns 1..K of {@code scores} against one-hot
   * {@code labels}; adds {@code classWeight (softmax - labels) / n} to the same columns of {@code gradientOut}.
   */
  private double classCrossEntropy(INDArray scores, INDArray labels, INDArray gradientOut) {
    if (scores.size(1) != 1 + classes) {
      throw new IllegalStateException("auxiliary-classifier expects " + (1 + classes)
          + " scores per sample (the adversarial score, then " + classes + " class logits), got " + scores.size(1));
    }
    long n = scores.size(0);
    INDArray logits = scores.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + classes));
    INDArray targets = labels.castTo(scores.dataType());
    INDArray max = logits.max(true, 1);
    INDArray shifted = logits.subColumnVector(max);
    INDArray exp = Transforms.exp(shifted, true);
    INDArray sum = exp.sum(true, 1);
    // logsumexp(z) - z[c] = log(sum exp(z - max)) - (z - max)[c]
    double value = Transforms.log(sum, true).sumNumber().doubleValue()
        - shifted.mul(targets).sumNumber().doubleValue();
    INDArray softmax = exp.divColumnVector(sum);
    gradientOut.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + classes))
        .addi(softmax.subi(targets).muli(config.classWeight() / n));
    return config.classWeight() * value / n;
  }

  /** Config of {@code auxiliary-classifier}. */
  public record Config(
      @JsonPropertyDescription("Weight of the class cross-entropy terms against the adversarial ones.")
          Double classWeight,
      @JsonPropertyDescription("Whether D also learns to classify fakes (Odena et al.); false trains its "
          + "classifier on real samples only.") Boolean classifyFakes,
      @JsonPropertyDescription(RealLabel.DESCRIPTION) Double realLabel) implements LossConfig {
    public Config {
      ConfigChecks.nonNegative("classWeight", classWeight);
      classWeight = classWeight == null ? 1.0 : classWeight;
      classifyFakes = classifyFakes == null ? Boolean.TRUE : classifyFakes;
      realLabel = RealLabel.orDefault(realLabel);
    }
  }

  /** Registers {@code auxiliary-classifier}. */
  @AutoService(LossProvider.class)
  public static final class Provider implements LossProvider<Config> {
    @Override
    public String type() {
      return "auxiliary-classifier";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Loss create(Config config, PluginContext context) {
      int classes = context.dataset().map(d -> d.classCount()).orElse(0);
      if (classes <= 0) {
        throw new IllegalArgumentException("the data has no class labels; AC-GAN needs "
            + "labelled data such as fashion-mnist or mnist");
      }
      return new AuxiliaryClassifierLoss(config, classes);
    }

    @Override
    public String description() {
      return "AC-GAN (Odena et al. 2017): non-saturating loss on D's first output plus softmax cross-entropy "
          + "of its K class logits; D must end in {type: dense, units: 1 + K}. Needs a conditional generator.";
    }
  }
}
