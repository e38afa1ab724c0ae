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
 * 3 GiB cap). Defaults: half of the machine's memory for the process, 40% for tracked native arrays;
 * either property set by the user (for example in {@code GAN_JAVA_OPTS}) wins.
 */
final class NativeMemoryLimits {
  static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
  static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

  private NativeMemoryLimits() {}

  static void applyDefaults() {
    long total = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    if (total <= 0) {
      return;
    }
    if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
      System.setProperty(MAX_PHYSICAL_BYTES, Long.toString(total / 2));
    }
    if (System.getProperty(MAX_BYTES) == null) {
      System.setProperty(MAX_BYTES, Long.toString(total * 2 / 5));
    }
  }
}
