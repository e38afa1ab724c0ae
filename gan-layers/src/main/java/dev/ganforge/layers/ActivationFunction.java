package dev.ganforge.layers;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** The activation functions layers accept, by the names configs use. */
public enum ActivationFunction {
  @JsonProperty("identity")
  IDENTITY,
  @JsonProperty("relu")
  RELU,
  /** max(x, slope x); slope from the layer's {@code leakySlope}. */
  @JsonProperty("leaky-relu")
  LEAKY_RELU,
  @JsonProperty("tanh")
  TANH,
  @JsonProperty("sigmoid")
  SIGMOID,
  @JsonProperty("softplus")
  SOFTPLUS,
  /** x sigmoid(x) (Ramachandran et al. 2017), also called SiLU. */
  @JsonProperty("swish")
  SWISH;

  /** The default slope of {@link #LEAKY_RELU}, as in DCGAN (Radford et al. 2016). */
  public static final double DEFAULT_LEAKY_SLOPE = 0.2;

  /**
   * StyleGAN2's default gain for this activation ({@code def_gain} of its {@code bias_act}): sqrt(2) for
   * ReLU and leaky ReLU, 1 otherwise.
   */
  public double styleGan2Gain() {
    return this == RELU || this == LEAKY_RELU ? Math.sqrt(2) : 1.0;
  }

  /** The DL4J activation times {@code gain} ({@link ScaledActivation} unless the gain is 1). */
  public IActivation toDl4j(double leakySlope, double gain) {
    IActivation function = toDl4j(leakySlope);
    return gain == 1.0 ? function : new ScaledActivation(function, gain);
  }

  /** The DL4J activation; {@code leakySlope} matters for {@link #LEAKY_RELU} only. */
  public IActivation toDl4j(double leakySlope) {
    return switch (this) {
      case IDENTITY -> new ActivationIdentity();
      case RELU -> new ReluActivation();
      case LEAKY_RELU -> new LeakyReluActivation(leakySlope);
      case TANH -> new ActivationTanH();
      case SIGMOID -> new ActivationSigmoid();
      case SOFTPLUS -> new ActivationSoftPlus();
      case SWISH -> new ActivationSwish();
    };
  }
}
