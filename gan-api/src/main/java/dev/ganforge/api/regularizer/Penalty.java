package dev.ganforge.api.regularizer;

import dev.ganforge.api.PublicApi;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A term added to a network's loss: its value (logged as {@code penalty/<type>}) and its gradient with
 * respect to the network's flattened parameters, added to the adversarial gradient before the optimizer
 * step.
 *
 * @param value the penalty's value
 * @param parameterGradient d value / d parameters, a row vector like
 *     {@link dev.ganforge.api.NetworkParameters#all()}; empty when there is nothing to add. Entries at
 *     parameters no optimizer updates (running statistics and other state) are ignored.
 */
@PublicApi
public record Penalty(double value, Optional<INDArray> parameterGradient) {

  /** No penalty. */
  public static final Penalty NONE = new Penalty(0, Optional.empty());

  /** Requires the gradient component (empty when there is none). */
  public Penalty {
    java.util.Objects.requireNonNull(parameterGradient, "parameterGradient");
  }

  /** A penalty with its gradient. */
  public static Penalty of(double value, INDArray parameterGradient) {
    return new Penalty(value, Optional.of(parameterGradient));
  }
}
