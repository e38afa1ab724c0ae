package dev.ganforge.core.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.RandomSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The generator's input noise z. */
public record LatentConfig(
    @JsonPropertyDescription("Dimension of z.") Integer size,
    @JsonPropertyDescription("Distribution of each coordinate of z.") LatentDistribution distribution) {

  public LatentConfig {
    ConfigChecks.positive("size", size);
    size = size == null ? 100 : size;
    distribution = distribution == null ? LatentDistribution.NORMAL : distribution;
  }

  /** {@code n} latent codes {@code [n, size]} drawn from {@code random} in this distribution. */
  public INDArray sample(RandomSource random, DataType dataType, int n) {
    return distribution == LatentDistribution.UNIFORM
        ? random.uniform(dataType, -1, 1, n, size)
        : random.normal(dataType, n, size);
  }
}
