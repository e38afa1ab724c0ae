package dev.ganforge.api.layer;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.PublicApi;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Implemented by a DL4J layer (the run-time {@code org.deeplearning4j.nn.api.Layer}, not its
 * configuration) that reads the class labels of the batch it is processing, as {@code label-embedding}
 * does. A network with such a layer makes the model conditional: before every forward pass of that
 * network the engine hands each of these layers the one-hot labels {@code [batch, classes]} of the samples
 * in the pass (the real samples' labels, or the labels fakes were generated for).
 *
 * <p>Labels are not differentiated: they are discrete, so nothing flows back to them.
 */
@PublicApi
@Experimental
public interface LabelConditioned {

  /** The one-hot labels of the next forward pass's samples, {@code [batch, classes]}. */
  void setConditioningLabels(INDArray labels);
}
