package dev.ganforge.layers.equalized;

/**
 * The run-time factors of an equalized-learning-rate layer configuration: the weights ({@code "W"} in
 * DL4J's dense and convolution layers) are used times {@link #weightScale()}, every other parameter (the
 * bias) times the lrMultiplier; their gradients are multiplied by the same factors.
 */
interface EqualizedScaling {

  /** {@code lrMultiplier * gain / sqrt(fan_in)}. */
  double weightScale();

  double getLrMultiplier();

  /** The factor on parameter {@code param}. */
  default double scaleFor(String param) {
    return "W".equals(param) ? weightScale() : getLrMultiplier();
  }
}
