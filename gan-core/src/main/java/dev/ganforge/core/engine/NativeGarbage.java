package dev.ganforge.core.engine;

/**
 * Collects garbage native buffers while training, before they pile up.
 *
 * <p>With workspaces off, every activation and gradient is a fresh native buffer that is freed only when
 * Java collects the array object owning it. Those objects are small, so the heap hardly fills and the
 * collector hardly runs: the process grew until JavaCPP's cap (6 GiB) and then stalled in forced
 * collections, up to 1.2 s an iteration (MLP GAN, 10,000 iterations: median 24 ms, but 13 minutes in
 * all). Asking for a collection once per {@value #INTERVAL_MILLIS} ms of training keeps the process flat
 * at the same median (docs/benchmarks/speed.md). The process size is no signal for when: the C allocator
 * keeps freed small buffers for reuse, so it hardly shrinks after a collection. {@code ./gan} runs the JVM
 * with {@code -XX:+ExplicitGCInvokesConcurrent}, so a request starts a concurrent cycle, not a full pause.
 */
final class NativeGarbage {
  static final long INTERVAL_MILLIS = 1_000;
  private static long last = System.nanoTime();

  private NativeGarbage() {}

  /** Asks for a collection when the last request is at least the interval old. */
  static synchronized void collectWhenDue() {
    long now = System.nanoTime();
    if (now - last >= INTERVAL_MILLIS * 1_000_000) {
      System.gc();
      last = now;
    }
  }
}
