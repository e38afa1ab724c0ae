package dev.ganforge.core.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per run directory: an operating-system lock on {@code RUN_DIR/.lock}, held while a run is
 * open for training. The operating system releases it when the process ends, however it ends (a crash,
 * SIGKILL), so a stale lock never blocks a resume. The file names the holder (process id, host, since
 * when) for the message the next writer gets.
 */
final class RunLock implements AutoCloseable {
  static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code directory}, creating the directory if needed.
   *
   * @throws RunDirectoryException naming the holder when another process (or another open run of this
   *     one) holds it, or when the directory cannot be written
   */
  static RunLock acquire(Path directory) {
    Path file = directory.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(directory);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException inThisProcess) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        channel.close();
        throw new RunDirectoryException(directory, RunDirectoryException.Reason.LOCKED, "the run directory "
            + directory + " is in use by another GANForge run ("
            + (holder.isEmpty() ? "a process that has just started" : holder) + ")", null);
      }
      String holder = "process " + ProcessHandle.current().pid() + " on " + host() + ", since " + Instant.now();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new RunLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw RunDirectoryException.unwritable(directory, e);
    }
  }

  private static String host() {
    String name = ManagementFactory.getRuntimeMXBean().getName(); // "pid@host" on the JVMs we run on
    return name.contains("@") ? name.substring(name.indexOf('@') + 1) : "this machine";
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the lock's own error is the one to report
      }
    }
  }

  /** Releases the lock; the file stays (an empty holder line means nobody holds it). */
  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        channel.truncate(0);
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot release " + FILE, e);
    }
  }
}
