package dev.ganforge.core.data;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sample sets as files other tools read and write, so that one ruler ({@code gan eval --samples}) can
 * measure any framework's samples:
 *
 * <ul>
 *   <li>{@code npy}: one NumPy array {@code [n, ...sampleShape]} of float32 in {@code [-1, 1]}
 *       ({@code BASE.npy}; labels of a conditional run as int64 {@code [n]} in {@code BASE.labels.npy}).
 *       Read back also as float64 or as unsigned bytes 0-255, and for one-channel images as
 *       {@code [n, height, width]}.
 *   <li>{@code png-dir}: a folder {@code BASE/} of one PNG per sample ({@code 000000.png}, ...; grayscale or
 *       RGB), what torch-fidelity and clean-fid read; labels in {@code BASE/labels.csv}.
 *   <li>{@code idx}: the MNIST format, {@code BASE-images-idx3-ubyte} ({@code idx4} for colour images,
 *       {@code [n, channels, height, width]}) and {@code BASE-labels-idx1-ubyte}.
 * </ul>
 *
 * <p>PNG and idx hold 8-bit pixels ({@link Pixels}); reading them back gives exactly the quantised values.
 * Writers stream: a set of any size is written batch by batch.
 */
public final class SampleFiles {
  static final int BUFFER_SIZE = 1 << 16;

  private SampleFiles() {}

  /** The formats, by the names {@code gan sample --format} takes. */
  public enum Format {
    NPY("npy"),
    PNG_DIR("png-dir"),
    IDX("idx");

    private final String label;

    Format(String label) {
      this.label = label;
    }

    /** The name on the command line. */
    public String label() {
      return label;
    }

    /** The format called {@code label}, if there is one. */
    public static Optional<Format> of(String label) {
      return Arrays.stream(values()).filter(format -> format.label.equals(label)).findFirst();
    }

    /** Whether this format can hold samples of {@code sampleShape} (PNG and idx: images of 1 or 3 channels). */
    public boolean holds(List<Long> sampleShape) {
      return this == NPY || isImage(sampleShape);
    }
  }

  /**
   * A sample set read back.
   *
   * @param samples {@code [n, ...sampleShape]}, float32, images in {@code [-1, 1]}
   * @param format the format it was read as
   * @param path the file or folder it was read from
   */
  public record SampleSet(INDArray samples, Format format, Path path) {}

  /** Writes samples batch by batch; {@link #close} finishes the set and checks that it is complete. */
  public interface Writer extends Closeable {
    /**
     * Appends {@code batch} ({@code [k, ...sampleShape]}) with its classes, or null for an unconditional
     * set.
     */
    void write(INDArray batch, int[] labels) throws IOException;

    /** The file or folder the samples go to. */
    Path path();
  }

  /** The file or folder {@link #create} writes for {@code base}. */
  public static Path pathOf(Format format, Path base, List<Long> sampleShape) {
    String name = base.getFileName().toString();
    return switch (format) {
      case NPY -> base.resolveSibling(name + ".npy");
      case PNG_DIR -> base;
      case IDX -> base.resolveSibling(name + "-images-idx" + (sampleShape.get(0) == 1 ? 3 : 4) + "-ubyte");
    };
  }

  /**
   * Starts a set of {@code count} samples of shape {@code sampleShape} under {@code base} (no extension).
   *
   * @param labelled whether the samples come with classes (a conditional run)
   * @throws IllegalArgumentException when the format cannot hold such samples (PNG and idx need images of
   *     one or three channels)
   */
  public static Writer create(Format format, Path base, List<Long> sampleShape, int count, boolean labelled)
      throws IOException {
    if (!format.holds(sampleShape)) {
      throw new IllegalArgumentException(format.label() + " holds images of 1 or 3 channels; these samples have "
          + "shape " + sampleShape + ": use --format npy");
    }
    Path absolute = base.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    return switch (format) {
      case NPY -> new NpySamples.NpyWriter(absolute, sampleShape, count, labelled);
      case PNG_DIR -> new PngFolderSamples.PngDirWriter(absolute, sampleShape, count, labelled);
      case IDX -> new IdxSamples.IdxWriter(absolute, sampleShape, count, labelled);
    };
  }

  static boolean isImage(List<Long> sampleShape) {
    return sampleShape.size() == 3 && (sampleShape.get(0) == 1 || sampleShape.get(0) == 3);
  }

  /**
   * Reads a sample set, telling the format from the path: a folder is {@code png-dir}, a {@code .npy} file
   * NumPy, a file starting with an idx header idx.
   *
   * @param sampleShape the shape every sample must have (the data's)
   * @throws DataUnavailableException when the set cannot be read or does not fit {@code sampleShape},
   *     naming the path, what was found and what was expected
   */
  public static SampleSet read(Path path, List<Long> sampleShape) {
    Path absolute = path.toAbsolutePath();
    if (!Files.exists(absolute)) {
      throw new DataUnavailableException("sample set " + absolute + " does not exist");
    }
    try {
      if (Files.isDirectory(absolute)) {
        return new SampleSet(PngFolderSamples.read(absolute, sampleShape), Format.PNG_DIR, absolute);
      }
      if (absolute.getFileName().toString().endsWith(".npy")) {
        return new SampleSet(NpySamples.read(absolute, sampleShape), Format.NPY, absolute);
      }
      byte[] start = new byte[4];
      try (InputStream in = Files.newInputStream(absolute)) {
        if (in.readNBytes(start, 0, 4) == 4 && start[0] == 0 && start[1] == 0 && start[2] == 8) {
          return new SampleSet(IdxSamples.read(absolute, sampleShape), Format.IDX, absolute);
        }
      }
    } catch (IOException e) {
      throw new DataUnavailableException("cannot read sample set " + absolute + ": " + e.getMessage(), e);
    }
    throw new DataUnavailableException("cannot tell the format of " + absolute + ": give a folder of PNG files "
        + "(png-dir), a .npy file or an idx file");
  }

  /** A writer of one samples file and, for a conditional run, one labels file; checks the count on close. */
  abstract static class FileWriter implements Writer {
    final OutputStream out;
    final OutputStream labelsOut;
    private final Path file;
    private final int count;
    private int written;

    FileWriter(Path file, Path labelFile, int count) throws IOException {
      this.file = file;
      this.count = count;
      this.out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_SIZE);
      this.labelsOut = labelFile == null ? null
          : new BufferedOutputStream(Files.newOutputStream(labelFile), BUFFER_SIZE);
    }

    @Override
    public final void write(INDArray batch, int[] labels) throws IOException {
      int samples = (int) batch.size(0);
      checkRoom(written, samples, count);
      writeBatch(batch.castTo(DataType.FLOAT).dup('c').data().asFloat(), labels, samples);
      written += samples;
    }

    abstract void writeBatch(float[] values, int[] labels, int samples) throws IOException;

    @Override
    public Path path() {
      return file;
    }

    @Override
    public void close() throws IOException {
      try (OutputStream closing = out; OutputStream closingLabels = labelsOut) {
        checkComplete(written, count, file);
      }
    }
  }

  static void checkRoom(int written, int more, int count) {
    if (written + more > count) {
      throw new IllegalStateException("a set of " + count + " samples got " + (written + more));
    }
  }

  static void checkComplete(int written, int count, Path where) {
    if (written != count) {
      throw new UncheckedIOException(new IOException(where + " holds " + written + " of the " + count
          + " samples it was started for"));
    }
  }

  static DataUnavailableException badSet(Path where, String problem) {
    return new DataUnavailableException("sample set " + where + " cannot be read: " + problem);
  }

  /** {@code [n, ...sampleShape]} for an array of {@code shape}, which may leave out a single channel. */
  static long[] fitShape(Path file, long[] shape, List<Long> sampleShape) {
    long[] expected = sampleShape.stream().mapToLong(Long::longValue).toArray();
    long[] given = shape.length > 0 ? Arrays.copyOfRange(shape, 1, shape.length) : new long[0];
    boolean fits = Arrays.equals(given, expected)
        || (expected.length == 3 && expected[0] == 1 && Arrays.equals(given, new long[] {expected[1], expected[2]}));
    if (shape.length == 0 || !fits || shape[0] <= 0) {
      throw badSet(file, "it holds an array of shape " + Arrays.toString(shape) + "; expected [n, "
          + sampleShape.toString().replaceAll("[\\[\\]]", "") + "] (samples first, as the data's samples)");
    }
    long[] samples = new long[expected.length + 1];
    samples[0] = shape[0];
    System.arraycopy(expected, 0, samples, 1, expected.length);
    return samples;
  }
}
