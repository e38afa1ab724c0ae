package dev.ganforge.api.layer;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.PublicApi;

/**
 * Implemented by a DL4J layer configuration ({@code org.deeplearning4j.nn.conf.layers.Layer}) whose layer
 * normalizes with the statistics of a reference batch, as {@code virtual-batch-norm} does (Salimans et al.
 * 2016).
 *
 * <p>When a network holds such layers, the engine puts a fixed reference batch ahead of every batch the
 * network reads, in training and in inference: a fixed latent batch for a generator, fixed real samples
 * for a discriminator, the same on every step and after a resume (it is kept among the network's
 * parameters, as state). So the first {@link #referenceSize()} rows of such a layer's input are the
 * reference batch as it reaches the layer through the current weights, and the rest are the samples; the
 * reference statistics are therefore recomputed at every pass, and gradients flow through them into the
 * earlier layers' weights. The last such layer of a network drops the reference rows from its output,
 * so every later layer, and the network's output, sees the samples only.
 *
 * <p>Layers between the network's input and its last reference-normalized layer see the reference rows
 * too: row-wise layers (dense, convolution, activations) are unaffected, layers that mix the samples of
 * a batch (batch norm, minibatch statistics) would mix the reference in, so place those after it.
 */
@PublicApi
@Experimental
public interface ReferenceNormalized {

  /** How many reference samples the layer normalizes with; every such layer of a network must agree. */
  int referenceSize();

  /**
   * Set by the engine as it assembles the network: true on the network's last reference-normalized
   * layer, which leaves the reference rows out of its output (and gives them no output gradient).
   */
  void setDropsReference(boolean drops);
}
