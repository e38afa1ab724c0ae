package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import org.nd4j.linalg.api.buffer.DataType;

/** A mixture of Gaussians on a circle: the 8-mode ring of the mode-collapse literature. */
public record GaussianRingConfig(
    @JsonPropertyDescription("Number of modes, evenly spaced on the circle.") Integer modes,
    @JsonPropertyDescription("Radius of the circle.") Double radius,
    @JsonPropertyDescription("Standard deviation around each mode.") Double stddev,
    @JsonPropertyDescription("Label each sample with its mode's index, for conditional models.") Boolean labelled)
    implements DataConfig {

  /** An unlabelled ring. */
  public GaussianRingConfig(Integer modes, Double radius, Double stddev) {
    this(modes, radius, stddev, null);
  }

  public GaussianRingConfig {
    ConfigChecks.positive("modes", modes);
    ConfigChecks.positive("radius", radius);
    ConfigChecks.positive("stddev", stddev);
    modes = modes == null ? 8 : modes;
    radius = radius == null ? 1.0 : radius;
    labelled = labelled != null && labelled;
    stddev = stddev == null ? 0.01 : stddev;
  }

  @Override
  public DataSource open(long seed, DataType dataType) {
    return new GaussianRingSource(this, seed, dataType);
  }
}
