package dev.ganforge.api;

import java.util.Collection;

/**
 * Range checks for config records' compact constructors. Each one ignores {@code null} (absent values
 * take their default, or are reported as missing by the mapper) and throws
 * {@link InvalidConfigException} naming the field and the value otherwise.
 */
@PublicApi
public final class ConfigChecks {
  private ConfigChecks() {}

  /** Requires a finite {@code value > 0} (YAML's {@code .inf} and {@code .nan} are numbers, but not these). */
  public static void positive(String field, Number value) {
    finite(field, value);
    if (value != null && !(value.doubleValue() > 0)) {
      throw new InvalidConfigException(field, "must be positive, got " + value);
    }
  }

  /** Requires a finite {@code value >= 0}. */
  public static void nonNegative(String field, Number value) {
    finite(field, value);
    if (value != null && !(value.doubleValue() >= 0)) {
      throw new InvalidConfigException(field, "must be zero or more, got " + value);
    }
  }

  /** Requires a finite number: not NaN, not infinite. */
  public static void finite(String field, Number value) {
    if (value != null && !Double.isFinite(value.doubleValue())) {
      throw new InvalidConfigException(field, "must be a finite number, got " + value);
    }
  }

  /** Requires {@code min <= value <= max}. */
  public static void inRange(String field, Number value, double min, double max) {
    if (value != null && !(value.doubleValue() >= min && value.doubleValue() <= max)) {
      throw new InvalidConfigException(
          field, "must be between " + format(min) + " and " + format(max) + ", got " + value);
    }
  }

  /** Requires a non-empty collection. */
  public static void notEmpty(String field, Collection<?> value) {
    if (value != null && value.isEmpty()) {
      throw new InvalidConfigException(field, "must not be empty");
    }
  }

  private static String format(double number) {
    return number == Math.rint(number) && Math.abs(number) < 1e15
        ? Long.toString((long) number)
        : Double.toString(number);
  }
}
