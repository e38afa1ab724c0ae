package dev.ganforge.api;

import static java.util.Objects.requireNonNull;

/**
 * A config value that is well-formed but not allowed, thrown from a config record's compact constructor
 * (usually through {@link ConfigChecks}). The config mapper turns it into a problem report at the
 * field's full path, e.g. {@code generator.layers[0].units: must be positive, got -3}.
 */
@PublicApi
public final class InvalidConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the record component at fault, as written in the config
   * @param message what is wrong and how to fix it, including the value
   */
  public InvalidConfigException(String field, String message) {
    super(requireNonNull(message, "message"));
    this.field = requireNonNull(field, "field");
  }

  /** The record component at fault, as written in the config. */
  public String field() {
    return field;
  }
}
