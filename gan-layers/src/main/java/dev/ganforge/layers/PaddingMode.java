package dev.ganforge.layers;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * How a convolution treats the borders of its input, by the names configs use. Output sizes below are
 * for input size {@code n}, kernel {@code k} and stride {@code s}.
 */
public enum PaddingMode {
  /**
   * Pads so that a convolution outputs {@code ceil(n / s)} and a transposed convolution {@code n s}:
   * with stride 2 each block halves or doubles the image (DCGAN's 7, 14, 28).
   */
  @JsonProperty("same")
  SAME,
  /**
   * No padding: a convolution outputs {@code floor((n - k) / s) + 1}, a transposed convolution
   * {@code (n - 1) s + k}.
   */
  @JsonProperty("truncate")
  TRUNCATE;

  /** The DL4J convolution mode. */
  public ConvolutionMode toDl4j() {
    return switch (this) {
      case SAME -> ConvolutionMode.Same;
      case TRUNCATE -> ConvolutionMode.Truncate;
    };
  }
}
