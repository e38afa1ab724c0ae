package dev.ganforge.core.config;

import static java.util.Objects.requireNonNull;

/**
 * One problem in a config file.
 *
 * @param path where, in dotted form: {@code discriminator.optimizer.learningRat},
 *     {@code generator.layers[2].units}; empty for the whole file
 * @param message what is wrong, with the bad value, the known options and the fix
 */
public record ConfigProblem(String path, String message) {
  public ConfigProblem {
    requireNonNull(path, "path");
    requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
