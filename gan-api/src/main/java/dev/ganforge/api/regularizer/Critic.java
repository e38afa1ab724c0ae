package dev.ganforge.api.regularizer;

import dev.ganforge.api.PublicApi;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The discriminator as a function, for penalties: scores and first derivatives at any input, without
 * changing its parameters, updater state or normalization statistics.
 *
 * <p>Every call starts from the critic's state as it is (spectral normalization's vector u, which a
 * training-mode pass advances, and any other state a layer keeps among its parameters) and puts it back
 * afterwards, so repeated calls see the same critic. Parameter gradients are zero at parameters no
 * optimizer updates.
 *
 * <p>There is no second-order autodiff in DL4J, so penalties on the input gradient obtain their
 * parameter gradient from first derivatives, for example by directional finite differences of
 * {@link #gradients}. Those need precision: {@link #atPrecision} gives a float64 copy of the critic.
 */
@PublicApi
public interface Critic {

  /** The data type of the critic's parameters and inputs. */
  DataType dataType();

  /** The critic's scores {@code [batch, k]} on {@code input}, in training mode. */
  INDArray scores(INDArray input);

  /**
   * Scores and the gradients of {@code sum_i sum_j weights[i, j] * D(input)[i, j]} with respect to the
   * input and to the flattened parameters. With {@code weights} all ones and {@code k = 1}, the input
   * gradient's row {@code i} is {@code grad_x D(x_i)}.
   *
   * @param weights shaped like the scores
   */
  CriticGradients gradients(INDArray input, INDArray weights);

  /**
   * This critic with the same parameters in another precision ({@link DataType#DOUBLE} for finite
   * differences across the kinks of LeakyReLU). Parameter gradients it returns convert back with
   * {@code castTo}.
   */
  Critic atPrecision(DataType dataType);
}
