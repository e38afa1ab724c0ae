package dev.ganforge.core.engine;

import dev.ganforge.core.GanForgeException;

/** A loss became NaN or infinite; training stops before anything is written from that state. */
public final class TrainingDivergedException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  private final long step;

  public TrainingDivergedException(long step, String what) {
    super(FAILURE, "training diverged at step " + step + ": " + what);
    this.step = step;
  }

  /** The iteration at which a loss stopped being finite. */
  public long step() {
    return step;
  }
}
