package dev.ganforge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Before ND4J loads: the CUDA build (the {@code cuda} Maven profile) checks that this machine has a GPU
 * its kernels run on, and otherwise stops with one line naming the GPU, its compute capability, the range
 * the build supports and the CPU fallback, instead of a native error deep in a training step. ND4J
 * 1.0.0-M2.1's CUDA 11.6 kernels cover compute capability 3.7 to 8.6 and ship no PTX, so Hopper (9.0)
 * and newer cannot run them. The CPU build checks nothing.
 */
final class CudaSupport {
  /** The class only the CUDA backend's jar holds. */
  static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
  static final double OLDEST = 3.7;
  static final double NEWEST = 8.6;

  /** One GPU as {@code nvidia-smi} lists it. */
  record Gpu(String name, double computeCapability) {}

  private CudaSupport() {}

  /** Empty where the build is the CPU one or the GPUs fit; else the line to stop with. */
  static Optional<String> problem() {
    if (!onClasspath(CUDA_BACKEND)) {
      return Optional.empty();
    }
    return problem(nvidiaSmi());
  }

  /**
   * What is wrong with this CUDA build on a machine whose {@code nvidia-smi --query-gpu=name,compute_cap
   * --format=csv,noheader} printed {@code listing} (empty when it could not run: no driver).
   */
  static Optional<String> problem(Optional<String> listing) {
    String fallback = "; use the CPU build (./gan builds it; mvn package without -Pcuda)";
    if (listing.isEmpty()) {
      return Optional.of("this is GANForge's CUDA build, but nvidia-smi cannot run here (no NVIDIA driver)"
          + fallback);
    }
    List<Gpu> gpus = parse(listing.get());
    if (gpus.isEmpty()) {
      return Optional.of("this is GANForge's CUDA build, but nvidia-smi lists no GPU" + fallback);
    }
    for (Gpu gpu : gpus) {
      if (gpu.computeCapability() < OLDEST || gpu.computeCapability() > NEWEST) {
        return Optional.of(String.format(Locale.ROOT, "the GPU %s has compute capability %.1f, which the CUDA "
            + "kernels of this build (ND4J 1.0.0-M2.1, CUDA 11.6) do not cover: they run on %.1f to %.1f (Kepler "
            + "K80 to Ampere) and include no PTX for newer GPUs%s", gpu.name(), gpu.computeCapability(), OLDEST,
            NEWEST, fallback));
      }
    }
    return Optional.empty();
  }

  /** Parses {@code name, capability} lines; lines it cannot read are left out. */
  static List<Gpu> parse(String listing) {
    List<Gpu> gpus = new ArrayList<>();
    for (String line : listing.split("\\R")) {
      int comma = line.lastIndexOf(',');
      if (comma < 0) {
        continue;
      }
      try {
        gpus.add(new Gpu(line.substring(0, comma).trim(), Double.parseDouble(line.substring(comma + 1).trim())));
      } catch (NumberFormatException unreadable) {
        // "[N/A]" and the like: not a GPU this check can judge
      }
    }
    return gpus;
  }

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, CudaSupport.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static Optional<String> nvidiaSmi() {
    try {
      Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader")
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0 ? Optional.of(output)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
