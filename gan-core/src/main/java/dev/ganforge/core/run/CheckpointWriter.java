package dev.ganforge.core.run;

import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.listener.RunStart;
import dev.ganforge.core.engine.Trainer;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Writes a checkpoint every {@code checkpointEvery} steps and at the last step (networks, the trainer's
 * state and arrays, the metrics log's length, the failure monitor's state), then tells every listener
 * with {@code onCheckpoint}.
 */
final class CheckpointWriter implements RunListener {
  private final Checkpoints checkpoints;
  private final Supplier<Trainer> trainer;
  private final LongSupplier metricsLength;
  private final Supplier<FailureMonitor.State> monitor;
  private final int checkpointEvery;
  private final RunListener events;
  private long total;

  CheckpointWriter(Checkpoints checkpoints, Supplier<Trainer> trainer, LongSupplier metricsLength,
      Supplier<FailureMonitor.State> monitor, int checkpointEvery, RunListener events) {
    this.checkpoints = checkpoints;
    this.trainer = trainer;
    this.metricsLength = metricsLength;
    this.monitor = monitor;
    this.checkpointEvery = checkpointEvery;
    this.events = events;
  }

  @Override
  public void onStart(RunStart start) {
    total = start.totalSteps();
  }

  @Override
  public void onIteration(long step, Map<String, Double> scalars) {
    if (step % checkpointEvery == 0 || step == total) {
      write();
    }
  }

  /** Writes a checkpoint of the run as it is now. */
  void write() {
    Trainer current = trainer.get();
    String name = checkpoints.write(current.model().generator(), current.model().discriminator(),
        new Checkpoints.CheckpointState(current.state(), metricsLength.getAsLong(), monitor.get()),
        current.arrays());
    events.onCheckpoint(current.step(), checkpoints.directory().resolve(name));
  }
}
