package dev.ganforge.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.core.engine.TrainerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checkpoints of a run: {@code checkpoints/step-000500/} holding {@code generator.zip} and
 * {@code discriminator.zip} (parameters, normalization statistics and updater state) and
 * {@code state.json} (a {@link CheckpointState}), plus one {@code <key>.npy} per extra array the trainer
 * keeps (the generator's weight average, regularizer state). A checkpoint is written into a hidden folder, synced,
 * then renamed into place; {@code checkpoints/latest}, naming the newest complete one, is replaced last,
 * also by an atomic rename. A crash at any moment leaves {@code latest} naming a complete checkpoint.
 */
public final class Checkpoints {
  /** The folder of a run directory that holds its checkpoints, unless a module puts them elsewhere. */
  public static final String FOLDER = "checkpoints";
  static {
    dev.ganforge.core.engine.LayerHelpers.enable(); // before a checkpoint's networks are instantiated
  }

  static final String GENERATOR = "generator.zip";
  static final String DISCRIMINATOR = "discriminator.zip";
  static final String STATE = "state.json";
  static final String ARRAY_SUFFIX = ".npy";
  private static final String LATEST = "latest";
  /** The checkpoint of the untrained networks, written before the first step and never pruned. */
  public static final String INITIAL = "step-000000";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final int keep;

  /**
   * @param keep how many checkpoints to keep; older ones are deleted after a newer one is complete
   */
  public Checkpoints(Path directory, int keep) {
    this.directory = directory;
    this.keep = keep;
  }

  /**
   * What a checkpoint stores besides the networks.
   *
   * @param trainer the trainer's state
   * @param metricsLength the length of {@code metrics.jsonl} when the checkpoint was taken
   */
  public record CheckpointState(TrainerState trainer, long metricsLength, FailureMonitor.State monitor) {}

  /** A checkpoint read back. */
  public record Loaded(String name, MultiLayerNetwork generator, MultiLayerNetwork discriminator,
      CheckpointState state, Map<String, INDArray> arrays) {}

  /** Writes a checkpoint for {@code state.trainer().step()} and points {@code latest} at it. */
  public String write(MultiLayerNetwork generator, MultiLayerNetwork discriminator, CheckpointState state,
      Map<String, INDArray> arrays) {
    String name = String.format("step-%06d", state.trainer().step());
    Path partial = directory.resolve(".partial-" + name);
    Path target = directory.resolve(name);
    try {
      Files.createDirectories(directory);
      Folders.deleteTree(partial);
      Files.createDirectories(partial);
      ModelSerializer.writeModel(generator, partial.resolve(GENERATOR).toFile(), true);
      ModelSerializer.writeModel(discriminator, partial.resolve(DISCRIMINATOR).toFile(), true);
      writeSynced(partial.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
      for (Map.Entry<String, INDArray> array : arrays.entrySet()) {
        if (!array.getKey().matches("[A-Za-z0-9-]+")) {
          throw new IllegalArgumentException("checkpoint array key '" + array.getKey()
              + "' must be letters, digits and dashes");
        }
        Path file = partial.resolve(array.getKey() + ARRAY_SUFFIX);
        Nd4j.writeAsNumpy(array.getValue(), file.toFile());
        sync(file);
      }
      sync(partial.resolve(GENERATOR));
      sync(partial.resolve(DISCRIMINATOR));
      Folders.deleteTree(target);
      move(partial, target);
      Path latestPartial = directory.resolve(".partial-" + LATEST);
      writeSynced(latestPartial, (name + "\n").getBytes(StandardCharsets.UTF_8));
      move(latestPartial, directory.resolve(LATEST));
      prune();
      return name;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(partial); // a failed write (a full disk) leaves no half checkpoint behind
      throw e instanceof IOException io
          ? new UncheckedIOException("cannot write checkpoint " + target + ": " + e.getMessage(), io)
          : (RuntimeException) e;
    }
  }

  /** Deletes half-written checkpoints a crash or a full disk left behind. */
  public void removeLeftovers() {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path leftover : entries.filter(p -> p.getFileName().toString().startsWith(".partial-")).toList()) {
        Folders.deleteTree(leftover);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + directory, e);
    }
  }

  private static void deleteQuietly(Path partial) {
    try {
      Folders.deleteTree(partial);
    } catch (IOException | RuntimeException ignored) {
      // the write's own failure is the one to report
    }
  }

  /** The folder the checkpoints are in. */
  public Path directory() {
    return directory;
  }

  /**
   * The name of the newest complete checkpoint, if any.
   *
   * @throws CheckpointException when {@code latest} names anything but a checkpoint folder of this run by
   *     its plain name ({@code step-001500}): a copied run directory must not make GANForge read a path
   *     outside it
   */
  public Optional<String> latest() {
    Path latest = directory.resolve(LATEST);
    if (!Files.exists(latest)) {
      return Optional.empty();
    }
    String name;
    try {
      name = Files.readString(latest).trim();
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + latest + ": " + e.getMessage(), e);
    }
    if (!isCheckpointName(name)) {
      throw new CheckpointException(latest + (name.isEmpty() ? " is empty" : " names '" + name + "', which is not "
          + "a checkpoint of this run (a plain name like step-001500 in " + directory + ")") + recovery());
    }
    return Optional.of(name);
  }

  /**
   * {@code role}'s network in the latest checkpoint of the run in {@code runDirectory} (its
   * {@code checkpoints} folder, where runs keep them by default).
   *
   * @throws CheckpointException when there is no such run or it holds no checkpoint yet
   */
  public static MultiLayerNetwork latestNetwork(Path runDirectory, NetworkRole role) {
    Checkpoints checkpoints = new Checkpoints(runDirectory.resolve(FOLDER), 1);
    String name = checkpoints.latest().orElseThrow(() -> new CheckpointException(runDirectory + " holds no checkpoint "
        + "in " + checkpoints.directory() + (Files.isDirectory(runDirectory) ? "; train it first, or name the run "
        + "directory that holds it" : ": there is no such run directory")));
    Loaded loaded = checkpoints.read(name);
    return role == NetworkRole.GENERATOR ? loaded.generator() : loaded.discriminator();
  }

  /** A checkpoint's plain name, {@code step-} and at least six digits: no path of any kind. */
  static boolean isCheckpointName(String name) {
    return name.matches("step-\\d{6,}");
  }

  /**
   * Reads a checkpoint.
   *
   * @throws CheckpointException when it is missing, incomplete or corrupt, naming what and how to recover
   */
  public Loaded read(String name) {
    if (!isCheckpointName(name)) {
      throw new CheckpointException("'" + name + "' is not a checkpoint name (step-001500, say)" + recovery());
    }
    Path checkpoint = directory.resolve(name);
    try {
      for (String file : List.of(GENERATOR, DISCRIMINATOR, STATE)) {
        if (!Files.isRegularFile(checkpoint.resolve(file))) {
          throw new CheckpointException("checkpoint " + checkpoint + " is incomplete: " + file + " is missing"
              + recovery());
        }
      }
      CheckpointState state = JSON.readValue(checkpoint.resolve(STATE).toFile(), CheckpointState.class);
      MultiLayerNetwork generator = ModelSerializer.restoreMultiLayerNetwork(checkpoint.resolve(GENERATOR).toFile(), true);
      MultiLayerNetwork discriminator =
          ModelSerializer.restoreMultiLayerNetwork(checkpoint.resolve(DISCRIMINATOR).toFile(), true);
      Map<String, INDArray> arrays = new TreeMap<>();
      try (Stream<Path> files = Files.list(checkpoint)) {
        for (Path file : files.filter(f -> f.getFileName().toString().endsWith(ARRAY_SUFFIX)).toList()) {
          String key = file.getFileName().toString();
          arrays.put(key.substring(0, key.length() - ARRAY_SUFFIX.length()), Nd4j.createFromNpyFile(file.toFile()));
        }
      }
      return new Loaded(name, generator, discriminator, state, arrays);
    } catch (CheckpointException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      throw new CheckpointException("checkpoint " + checkpoint + " is corrupt or truncated (" + describe(e) + ")"
          + recovery(), e);
    }
  }

  /**
   * Makes {@code name} the latest checkpoint again and deletes the newer ones: a rollback's, so that a
   * resume after it never continues from a checkpoint the rollback left behind.
   */
  public void discardAfter(String name) {
    try {
      Path latestPartial = directory.resolve(".partial-" + LATEST);
      writeSynced(latestPartial, (name + "\n").getBytes(StandardCharsets.UTF_8));
      move(latestPartial, directory.resolve(LATEST));
      for (String newer : list()) {
        if (newer.compareTo(name) > 0) {
          Folders.deleteTree(directory.resolve(newer));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot roll the checkpoints in " + directory + " back to " + name, e);
    }
  }

  /** Every complete checkpoint's name, oldest first. */
  public List<String> list() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(Checkpoints::isCheckpointName).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String recovery() {
    List<String> others = list();
    return "; to continue from an earlier checkpoint, write its name into " + directory.resolve(LATEST)
        + (others.isEmpty() ? "" : " (present: " + String.join(", ", others) + ")");
  }

  private void prune() throws IOException {
    // step-000000, the untrained networks, stays: the baseline of gan eval and the earliest rollback target.
    List<String> all = list().stream().filter(name -> !name.equals(INITIAL)).toList();
    for (int i = 0; i < all.size() - keep; i++) {
      Folders.deleteTree(directory.resolve(all.get(i)));
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }

  private static void writeSynced(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(java.nio.ByteBuffer.wrap(bytes));
      channel.force(true);
    }
  }

  private static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
