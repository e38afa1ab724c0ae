package dev.ganforge.cli;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * Caps ND4J's native memory before ND4J loads.
 *
 * <p>With workspaces off, ND4J frees an array's native memory only when the Java garbage collector
 * collects the array object. Training allocates a lot of native memory but little heap, so without a cap
 * the collector hardly runs: a 25,000-step MLP run grew to 24 GiB and the kernel killed it. JavaCPP
 * forces collections when native memory reaches {@code org.bytedeco.javacpp.maxphysicalbytes}, which
 * bounds the process at no measurable cost (4,000 iterations: same 22 ms median, peak 3 GiB with a
 * 3 GiB cap). A lower cap is even faster where much garbage piles up: {@code gan eval} with FID and KID
 * on 10,000 samples took 36 s with a peak of 9 GiB under an 11.5 GiB cap, 30 s and 4 GiB under 4 GiB.
 * Defaults: half of the machine's memory, at most {@value #DEFAULT_CAP_GIB} GiB, for the process, 80% of
 * that for tracked native arrays; either property set by the user (for example
 * {@code GAN_JAVA_OPTS=-Dorg.bytedeco.javacpp.maxphysicalbytes=16g} for a model that needs more) wins.
 */
final class NativeMemoryLimits {
  static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
  static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
  static final long DEFAULT_CAP_GIB = 6;

  private NativeMemoryLimits() {}

  static void applyDefaults() {
    long total = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    if (total <= 0) {
      return;
    }
    long cap = Math.min(total / 2, DEFAULT_CAP_GIB << 30);
    if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
      System.setProperty(MAX_PHYSICAL_BYTES, Long.toString(cap));
    }
    if (System.getProperty(MAX_BYTES) == null) {
      System.setProperty(MAX_BYTES, Long.toString(cap * 4 / 5));
    }
  }
}
