package dev.ganforge.core.run;

import dev.ganforge.core.GanForgeException;
import java.nio.file.Path;

/**
 * The alert policy stopped training ({@code alerts.policy: stop}, or a rollback that could not happen);
 * the last checkpoint holds the run as it was, so it can continue once the cause is dealt with.
 */
public final class TrainingStoppedException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final Path runDirectory;

  public TrainingStoppedException(long step, Path runDirectory, String message) {
    super(message);
    this.step = step;
    this.runDirectory = runDirectory;
  }

  /** The run that stopped. */
  public Path runDirectory() {
    return runDirectory;
  }

  /** The iteration at which the symptom showed. */
  public long step() {
    return step;
  }
}
