package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A mixture of Gaussians on a square grid: the 25-mode grid at {-4,-2,0,2,4}^2 of the mode-collapse
 * literature (PacGAN, VEEGAN).
 */
public record GaussianGridConfig(
    @JsonPropertyDescription("Modes per side; the grid has side^2 modes centred on the origin.") Integer side,
    @JsonPropertyDescription("Distance between neighbouring modes.") Double spacing,
    @JsonPropertyDescription("Standard deviation around each mode.") Double stddev,
    @JsonPropertyDescription("Label each sample with its mode's index, for conditional models.") Boolean labelled)
    implements DataConfig {

  /** An unlabelled grid. */
  public GaussianGridConfig(Integer side, Double spacing, Double stddev) {
    this(side, spacing, stddev, null);
  }

  public GaussianGridConfig {
    ConfigChecks.positive("side", side);
    ConfigChecks.positive("spacing", spacing);
    ConfigChecks.positive("stddev", stddev);
    side = side == null ? 5 : side;
    spacing = spacing == null ? 2.0 : spacing;
    labelled = labelled != null && labelled;
    stddev = stddev == null ? 0.05 : stddev;
  }

  @Override
  public DataSource open(long seed, DataType dataType) {
    return new GaussianGridSource(this, seed, dataType);
  }
}
