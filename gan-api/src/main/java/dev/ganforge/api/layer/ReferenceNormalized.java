package dev.ganforge.api.layer;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.PublicApi;

/**
 * Implemented by a DL4J layer (the run-time {@code org.deeplearning4j.nn.api.Layer}) that normalizes with
 * the statistics of a fixed reference batch, as {@code virtual-batch-norm} does (Salimans et al. 2016).
 * At the start of every training step the engine passes the network's reference batch through it with
 * recording on: a fixed latent batch for a generator, fixed real samples for a discriminator, the same
 * on every step and after a resume. While recording, the layer takes the statistics of what reaches it as
 * its reference; otherwise it normalizes each sample with the recorded ones, independently of the other
 * samples in its batch. Keep the statistics as parameters, so checkpoints hold them.
 */
@PublicApi
@Experimental
public interface ReferenceNormalized {

  /** How many samples the reference batch should hold; the network's batch is the largest any layer asks. */
  int referenceSize();

  /** Turns recording of the reference statistics on or off for the following forward passes. */
  void setRecordingReference(boolean recording);
}
