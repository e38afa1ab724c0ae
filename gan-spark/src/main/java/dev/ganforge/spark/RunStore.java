package dev.ganforge.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The sweep's destination, through Hadoop's FileSystem API ({@code file://}, {@code hdfs://} and whatever
 * file systems the cluster's Hadoop knows). A run is published whole or not at all: it is copied to a
 * hidden folder beside its place and renamed into it, which is atomic on HDFS and on local disks.
 */
final class RunStore {
  static final String RESULT = "sweep-result.json";
  private static final String INCOMPLETE = ".incomplete-";

  private final FileSystem fs;
  private final Path root;

  RunStore(String destination) throws IOException {
    this.root = new Path(destination);
    this.fs = root.getFileSystem(new Configuration());
    // The local file system would write a .crc file beside every file: noise in a run folder.
    fs.setWriteChecksum(false);
    fs.setVerifyChecksum(false);
  }

  /**
   * The result of a published run, if the destination holds one.
   *
   * @param configYaml the config the task would train; a published run of another config is an error
   *     (its config was edited since, or trained with other settings), not a result to reuse
   */
  Optional<String> publishedResult(String runPath, String configYaml) throws IOException {
    Path run = new Path(root, runPath);
    Path result = new Path(run, RESULT);
    if (!fs.exists(result)) {
      return Optional.empty();
    }
    String config = read(new Path(run, "config.yaml"));
    if (!config.equals(configYaml)) {
      throw new StaleRunException(fs.makeQualified(run) + " was trained from a different config than the "
          + "one given now (edited since, or other --steps): delete that folder to train it again, or "
          + "publish to another destination (--out)");
    }
    return Optional.of(read(result).trim());
  }

  private String read(Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The destination holds a run of the same name trained from another config. */
  static final class StaleRunException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleRunException(String message) {
      super(message);
    }
  }

  /**
   * Copies the finished run in {@code local} to {@code runPath}, unless another attempt published it
   * first; a copy an earlier attempt left half done is deleted.
   */
  void publish(java.nio.file.Path local, String runPath) throws IOException {
    Path target = new Path(root, runPath);
    Path parent = target.getParent();
    fs.mkdirs(parent);
    String prefix = "." + target.getName() + INCOMPLETE;
    for (FileStatus leftover : fs.listStatus(parent, path -> path.getName().startsWith(prefix))) {
      fs.delete(leftover.getPath(), true);
    }
    if (fs.exists(new Path(target, RESULT))) {
      return;
    }
    if (fs.exists(target)) {
      fs.delete(target, true); // a run folder without a result is not a published run
    }
    Path incomplete = new Path(parent, prefix + UUID.randomUUID());
    fs.copyFromLocalFile(false, true, new Path(local.toAbsolutePath().toUri()), incomplete);
    if (!fs.rename(incomplete, target)) {
      fs.delete(incomplete, true);
      if (!fs.exists(new Path(target, RESULT))) {
        throw new IOException("cannot rename " + incomplete + " to " + target);
      }
    }
  }

  /** Writes a small file at {@code path} (relative to the destination), replacing it whole. */
  void write(String path, byte[] content) throws IOException {
    Path target = new Path(root, path);
    fs.mkdirs(target.getParent());
    Path incomplete = new Path(target.getParent(), "." + target.getName() + INCOMPLETE + UUID.randomUUID());
    try (var out = fs.create(incomplete, true)) {
      out.write(content);
    }
    fs.delete(target, false);
    if (!fs.rename(incomplete, target)) {
      throw new IOException("cannot rename " + incomplete + " to " + target);
    }
  }

  /** The destination's URI, resolved. */
  String uri() {
    return fs.makeQualified(root).toString();
  }
}
