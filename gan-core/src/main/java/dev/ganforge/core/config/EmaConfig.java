package dev.ganforge.core.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;

/**
 * An exponential moving average of the generator's weights (Yazici et al. 2019; Karras et al. 2018),
 * updated after every generator step: {@code ema = d * ema + (1 - d) * weights} with
 * {@code d = min(decay, (1 + updates) / (10 + updates))}, so early averages are not dragged towards the
 * initial weights. Samples, metrics and {@code gan sample} use the average when {@code useForSamples}
 * is on; checkpoints store it.
 */
public record EmaConfig(
    @JsonPropertyDescription("Decay per generator update; 0.999 averages over about the last 1,000 updates.")
        Double decay,
    @JsonPropertyDescription("Draw samples (training grids, gan sample, metrics) from the averaged weights.")
        Boolean useForSamples) {

  public EmaConfig {
    ConfigChecks.inRange("decay", decay, 0, 1);
    decay = decay == null ? 0.999 : decay;
    useForSamples = useForSamples == null ? Boolean.TRUE : useForSamples;
  }

  /** The decay applied at generator update {@code updates} (0-based). */
  public double effectiveDecay(long updates) {
    return Math.min(decay, (1.0 + updates) / (10.0 + updates));
  }
}
