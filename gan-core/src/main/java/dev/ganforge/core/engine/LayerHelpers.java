package dev.ganforge.core.engine;

/**
 * Switches on DL4J's oneDNN layer helpers (convolution, batch normalization, pooling) on the CPU backend.
 *
 * <p>Off by default in DL4J 1.0.0-M2.1 for two reasons: the system property
 * {@value #DISABLE_PROPERTY} defaults to true, and the helpers' check whether oneDNN is on looks up a
 * class M2.1 renamed (bridged by {@link org.nd4j.nativeblas.Nd4jCpu}). With them on, a DCGAN iteration
 * runs its convolutions through oneDNN instead of im2col + GEMM in Java ({@code docs/benchmarks/speed.md}).
 * A user who sets the property (for example {@code -Dorg.eclipse.deeplearning4j.helpers.disable=true} in
 * {@code GAN_JAVA_OPTS}, to compare or to debug) wins. The helpers work only in float32 and half
 * precision; float64 networks (the numeric tests) use DL4J's own implementations.
 */
public final class LayerHelpers {
  /** DL4J's switch, read whenever a layer is instantiated. */
  public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

  private LayerHelpers() {}

  /** Turns the helpers on for networks instantiated from now on, unless the user set the property. */
  public static void enable() {
    if (System.getProperty(DISABLE_PROPERTY) == null) {
      System.setProperty(DISABLE_PROPERTY, "false");
    }
  }
}
