package dev.ganforge.core.engine;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Sets how many CPU threads ND4J's native code uses for a run ({@code training.threads}).
 *
 * <p>{@code OMP_NUM_THREADS} decides it when the process starts; this decides it per run, so a config can
 * carry the count that suits it: for the grid example's small MLPs on 2 cores one thread is a third faster
 * than two (docs/benchmarks/speed.md). It sets the three counts that can change after start: libnd4j's
 * loops ({@code maxMasterThreads}), OpenMP regions such as oneDNN's kernels, and the BLAS behind matrix
 * products. libnd4j's thread pool keeps its start-up size ({@code Environment.setMaxThreads} does nothing
 * in M2.1); of what the trainer logs, only the gradient norms still reduce over it, so they differ from an
 * {@code OMP_NUM_THREADS=1} run in the sixth digit while the training itself matched it bit for bit (2,000
 * steps of the grid example) at the same speed.
 *
 * <p>OpenMP's count belongs to the calling thread, so the trainer calls this on the thread that trains. A
 * config without {@code threads} gets the process's counts back, so one process can run several configs
 * (gan compare). The CUDA backend has none of these pools (its {@code setOmpNumThreads} sets a kernel
 * block size), so there this does nothing.
 */
final class NativeThreads {
  private static Counts defaults;

  private NativeThreads() {}

  /** Uses {@code threads} native threads on the calling thread, or the process's own counts when null. */
  static synchronized void use(Integer threads) {
    if (!Nd4j.getEnvironment().isCPU()) {
      return;
    }
    if (defaults == null) {
      defaults = new Counts(Nd4j.getEnvironment().maxMasterThreads(),
          NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
          Nd4j.factory().blas().getMaxThreads());
    }
    Counts counts = threads == null ? defaults : new Counts(threads, threads, threads);
    Nd4j.getEnvironment().setMaxMasterThreads(counts.loops());
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(counts.openMp());
    Nd4j.factory().blas().setMaxThreads(counts.blas());
  }

  private record Counts(int loops, int openMp, int blas) {}
}
