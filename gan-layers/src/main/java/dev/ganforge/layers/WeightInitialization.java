package dev.ganforge.layers;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.weights.WeightInitNormal;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavier;

/** How a layer's weights are initialised, by the names configs use. */
public enum WeightInitialization {
  /** Glorot and Bengio 2010: N(0, 2 / (fan_in + fan_out)). DL4J's default. */
  @JsonProperty("xavier")
  XAVIER,
  /** He et al. 2015: N(0, 2 / fan_in), for ReLU networks. */
  @JsonProperty("he")
  HE,
  /** N(0, 1 / fan_in): the fan-in Gaussian init (LeCun normal). */
  @JsonProperty("fan-in-normal")
  FAN_IN_NORMAL,
  /** N(0, 0.02^2): the DCGAN init (Radford et al. 2016). */
  @JsonProperty("dcgan")
  DCGAN;

  /** The DL4J weight initialisation. */
  public IWeightInit toDl4j() {
    return switch (this) {
      case XAVIER -> new WeightInitXavier();
      case HE -> new WeightInitRelu();
      case FAN_IN_NORMAL -> new WeightInitNormal();
      case DCGAN -> new WeightInitDistribution(new NormalDistribution(0, 0.02));
    };
  }
}
