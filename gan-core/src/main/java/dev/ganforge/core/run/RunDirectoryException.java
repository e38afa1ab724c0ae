package dev.ganforge.core.run;

import dev.ganforge.core.GanForgeException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A run directory that cannot be used as asked: taken, a file, not a run, without the checkpoint asked
 * for, or not writable.
 */
public final class RunDirectoryException extends GanForgeException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the directory. */
  public enum Reason {
    /** A new run was asked for in a directory (or checkpoint folder) that already holds files. */
    TAKEN,
    /** The path is a file, not a folder. */
    NOT_A_DIRECTORY,
    /** The run has no checkpoint of the name asked for. */
    NO_SUCH_CHECKPOINT,
    /** The directory holds no run ({@code config.yaml}) to continue or sample. */
    NOT_A_RUN,
    /** Another process (or another open run of this one) is writing into the directory. */
    LOCKED,
    /** The directory, or a file in it, cannot be written. */
    UNWRITABLE
  }

  private final Path directory;
  private final Reason reason;

  RunDirectoryException(Path directory, Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.directory = directory;
    this.reason = reason;
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** What is wrong with it. */
  public Reason reason() {
    return reason;
  }

  static RunDirectoryException unwritable(Path directory, IOException e) {
    String why = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.toString();
    return new RunDirectoryException(directory, Reason.UNWRITABLE,
        "cannot write the run directory " + directory + " (" + why + ")", e);
  }
}
