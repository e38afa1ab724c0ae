package dev.ganforge.cli;

import dev.ganforge.core.run.TrainingRun;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while training: the first asks the run to finish its step, write a
 * checkpoint and stop (exit 130 or 143, with how to resume); a second stops the process at once.
 * The handlers the JVM had are put back when training ends.
 */
final class Interrupts implements AutoCloseable {
  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

  private Interrupts() {}

  /** Routes SIGINT and SIGTERM to {@code run} until {@link #close()}. */
  static Interrupts routeTo(TrainingRun run, PrintWriter err) {
    Interrupts interrupts = new Interrupts();
    AtomicBoolean asked = new AtomicBoolean();
    SignalHandler handler = signal -> {
      if (asked.getAndSet(true)) {
        Runtime.getRuntime().halt(128 + signal.getNumber());
      }
      err.printf("%n%s: finishing the step under way and writing a checkpoint (press Ctrl-C again to stop at "
          + "once, losing the steps since the last checkpoint)%n", "SIG" + signal.getName());
      err.flush();
      run.requestStop("SIG" + signal.getName());
    };
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal signal = new Signal(name);
        interrupts.previous.put(signal, Signal.handle(signal, handler));
      } catch (IllegalArgumentException unsupported) {
        // a platform without this signal (SIGTERM on Windows consoles): the JVM's default stays
      }
    }
    return interrupts;
  }

  @Override
  public void close() {
    previous.forEach(Signal::handle);
  }
}
