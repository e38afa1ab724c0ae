package dev.ganforge.core.run;

import dev.ganforge.core.GanForgeException;
import java.nio.file.Path;

/**
 * Training stopped because it was asked to ({@link TrainingRun#requestStop}, e.g. on Ctrl-C): the step
 * under way was finished and checkpointed, so the run resumes from exactly there.
 */
public final class TrainingInterruptedException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final Path runDirectory;
  private final String reason;

  public TrainingInterruptedException(long step, Path runDirectory, String reason) {
    super("training stopped at step " + step + " (" + reason + "); a checkpoint of that step is in "
        + runDirectory.resolve(Checkpoints.FOLDER));
    this.step = step;
    this.runDirectory = runDirectory;
    this.reason = reason;
  }

  /** The last step trained and checkpointed. */
  public long step() {
    return step;
  }

  /** The run that stopped. */
  public Path runDirectory() {
    return runDirectory;
  }

  /** Why it was asked to stop, as the caller said it ({@code SIGINT}, {@code SIGTERM}). */
  public String reason() {
    return reason;
  }
}
