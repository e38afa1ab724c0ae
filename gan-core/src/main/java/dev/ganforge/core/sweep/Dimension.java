package dev.ganforge.core.sweep;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.ganforge.api.RandomSource;
import java.util.List;

/**
 * One swept config path: a list of values (a grid dimension, every value tried) or a distribution that
 * random search draws from.
 *
 * @param path the config path, as config errors print it ({@code generator.optimizer.learningRate},
 *     {@code generator.layers[0].units})
 * @param kind how values are chosen
 * @param values the grid's or {@code choice}'s values; empty for {@code uniform} and {@code log-uniform}
 * @param low the lower bound of {@code uniform} and {@code log-uniform}
 * @param high the upper bound of {@code uniform} and {@code log-uniform}
 */
public record Dimension(String path, Kind kind, List<JsonNode> values, double low, double high) {
  /** How a dimension's values are chosen. */
  public enum Kind {
    /** Every listed value (a YAML list). */
    GRID,
    /** Uniform on [low, high] ({@code {uniform: [low, high]}}). */
    UNIFORM,
    /** Uniform in log space on [low, high], both positive ({@code {log-uniform: [low, high]}}). */
    LOG_UNIFORM,
    /** One of the listed values, each equally likely ({@code {choice: [...]}}). */
    CHOICE
  }

  public Dimension {
    requireNonNull(path, "path");
    requireNonNull(kind, "kind");
    values = List.copyOf(values);
  }

  /** Whether random search draws this dimension's values (everything but a grid). */
  public boolean random() {
    return kind != Kind.GRID;
  }

  /** Draws one value of a random dimension. */
  JsonNode draw(RandomSource random) {
    return switch (kind) {
      case UNIFORM -> DoubleNode.valueOf(low + random.nextDouble() * (high - low));
      case LOG_UNIFORM -> DoubleNode.valueOf(
          Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low))));
      case CHOICE -> values.get(random.nextInt(values.size()));
      case GRID -> throw new IllegalStateException("a grid dimension is not drawn: " + path);
    };
  }
}
