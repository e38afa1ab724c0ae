package dev.ganforge.core.engine;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * What training a network needs in memory, estimated from its configuration before anything is
 * allocated, so that a config DL4J cannot survive (a layer of two billion units, a batch of a billion)
 * is refused with numbers instead of crashing the JVM in native code. Per parameter: the weight, its
 * gradient and two optimizer moments; per activation value of every layer: the stored output and its
 * gradient. In doubles, so that no size overflows on the way.
 */
final class TrainingMemory {
  static final String LIMIT_PROPERTY = "org.bytedeco.javacpp.maxphysicalbytes";

  private TrainingMemory() {}

  /** Bytes to train a network of {@code configuration} on batches of {@code batch} samples. */
  static double bytes(MultiLayerConfiguration configuration, InputType input, long batch, int bytesPerValue) {
    double parameters = 0;
    for (NeuralNetConfiguration layer : configuration.getConfs()) {
      parameters += layer.getLayer().initializer().numParams(layer);
    }
    double activations = input.arrayElementsPerExample();
    List<InputType> outputs = configuration.getLayerActivationTypes(input);
    for (InputType output : outputs) {
      activations += output.arrayElementsPerExample();
    }
    return bytesPerValue * (4 * parameters + 2 * activations * (double) batch);
  }

  /**
   * The memory a run may use: the native-memory cap ({@value #LIMIT_PROPERTY}, which the launcher sets
   * and {@code GAN_JAVA_OPTS} can raise) when one is set, else the machine's physical memory.
   */
  static double limit() {
    double physical = physicalMemory();
    String cap = System.getProperty(LIMIT_PROPERTY);
    double capped = cap == null ? 0 : parseBytes(cap, physical);
    return capped > 0 ? Math.min(capped, physical) : physical;
  }

  private static double physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }

  /** JavaCPP's notation: a number of bytes, with an optional k, m, g or t (1024-based), or a percentage. */
  static double parseBytes(String text, double physical) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.endsWith("%")) {
        return physical * Double.parseDouble(value.substring(0, value.length() - 1)) / 100;
      }
      int power = switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
        case 'k' -> 1;
        case 'm' -> 2;
        case 'g' -> 3;
        case 't' -> 4;
        default -> 0;
      };
      String number = power == 0 ? value : value.substring(0, value.length() - 1);
      return Double.parseDouble(number) * Math.pow(1024, power);
    } catch (NumberFormatException e) {
      return 0; // JavaCPP ignores what it cannot read; so does the estimate
    }
  }

  /** {@code bytes} for people: "3.2 GiB". */
  static String describe(double bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int unit = 0;
    double value = bytes;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? String.format(Locale.ROOT, "%.0f bytes", value)
        : String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  }
}
