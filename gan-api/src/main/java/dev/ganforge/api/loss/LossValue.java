package dev.ganforge.api.loss;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.PublicApi;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss value and its derivatives.
 *
 * @param value the loss averaged over the batch
 * @param realGradient d value / d real scores, shaped like the real scores
 * @param fakeGradient d value / d fake scores, shaped like the fake scores
 * @param fakeFeatureGradients d value / d fake features, by feature layer name (feature matching)
 */
@PublicApi
public record LossValue(
    double value,
    Optional<INDArray> realGradient,
    INDArray fakeGradient,
    @Experimental Map<String, INDArray> fakeFeatureGradients) {

  /** Requires every component; copies the feature gradients. */
  public LossValue {
    requireNonNull(realGradient, "realGradient");
    requireNonNull(fakeGradient, "fakeGradient");
    fakeFeatureGradients = Map.copyOf(fakeFeatureGradients);
  }

  /** A discriminator loss: derivatives for both real and fake scores. */
  public static LossValue of(double value, INDArray realGradient, INDArray fakeGradient) {
    return new LossValue(value, Optional.of(realGradient), fakeGradient, Map.of());
  }

  /** A generator loss: only the fake scores depend on the generator. */
  public static LossValue ofFake(double value, INDArray fakeGradient) {
    return new LossValue(value, Optional.empty(), fakeGradient, Map.of());
  }
}
