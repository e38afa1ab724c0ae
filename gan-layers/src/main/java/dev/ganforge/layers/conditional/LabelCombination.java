package dev.ganforge.layers.conditional;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How {@code label-embedding} combines a sample's class embedding e with the layer input x. */
public enum LabelCombination {
  /** {@code [x, e]}: e appended as extra features (vectors) or extra channels, constant over the image. */
  @JsonProperty("concat")
  CONCAT,
  /** {@code x + e}: one embedding value per feature or channel, added at every pixel. */
  @JsonProperty("add")
  ADD,
  /** {@code x * e}: one gain per feature or channel (the AC-GAN generator multiplies z by e). */
  @JsonProperty("multiply")
  MULTIPLY
}
