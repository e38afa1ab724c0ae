package dev.ganforge.core.data;

/**
 * The one mapping between image values in {@code [-1, 1]} and 8-bit pixels: {@code p / 127.5 - 1} one way,
 * rounded and clamped {@code (v + 1) * 127.5} the other, so a pixel read and written again is unchanged.
 */
public final class Pixels {
  private Pixels() {}

  /** The 8-bit pixel of an image value, clamped to 0-255. */
  public static int toByte(float value) {
    return Math.max(0, Math.min(255, Math.round((value + 1f) * 127.5f)));
  }

  /** The image value of an 8-bit pixel (0-255). */
  public static float fromByte(int pixel) {
    return pixel / 127.5f - 1f;
  }
}
