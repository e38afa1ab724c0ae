package dev.ganforge.core.sweep;

/** Which way a sweep's ranking value is better. */
public enum Goal {
  /** Lower is better (FID, KID, reverse KL). */
  MINIMIZE,
  /** Higher is better (modes captured, inception score, precision). */
  MAXIMIZE;

  /** Whether {@code a} is better than {@code b}; NaN is never better. */
  public boolean better(double a, double b) {
    if (Double.isNaN(a)) {
      return false;
    }
    return Double.isNaN(b) || (this == MINIMIZE ? a < b : a > b);
  }

  /** The spelling in sweep files. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
