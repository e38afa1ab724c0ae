package dev.ganforge.api.regularizer;

import static java.util.Objects.requireNonNull;

import dev.ganforge.api.PublicApi;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * First derivatives of a weighted sum of critic scores, see {@link Critic#gradients}.
 *
 * @param scores the scores, {@code [batch, k]}
 * @param inputGradient derivative with respect to the input, shaped like the input
 * @param parameterGradient derivative with respect to the flattened parameters, a row vector
 */
@PublicApi
public record CriticGradients(INDArray scores, INDArray inputGradient, INDArray parameterGradient) {
  /** Requires every component. */
  public CriticGradients {
    requireNonNull(scores, "scores");
    requireNonNull(inputGradient, "inputGradient");
    requireNonNull(parameterGradient, "parameterGradient");
  }
}
