package dev.ganforge.core.engine;

import dev.ganforge.core.GanForgeException;
import java.nio.file.Path;
import java.util.Optional;

/** A loss became NaN or infinite; training stops before anything is written from that state. */
public final class TrainingDivergedException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final Path runDirectory;

  public TrainingDivergedException(long step, String what) {
    this(step, "training diverged at step " + step + ": " + what, null);
  }

  /** With the whole message, for the run in {@code runDirectory}. */
  public TrainingDivergedException(long step, String message, Path runDirectory) {
    super(message);
    this.step = step;
    this.runDirectory = runDirectory;
  }

  /** The run that diverged, when known. */
  public Optional<Path> runDirectory() {
    return Optional.ofNullable(runDirectory);
  }

  /** The iteration at which a loss stopped being finite. */
  public long step() {
    return step;
  }
}
