package dev.ganforge.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Images, and optionally labels, from idx files: the format of MNIST and Fashion-MNIST (LeCun et al.
 * 1998). A file is a big-endian header (two zero bytes, an element-type byte, the number of dimensions,
 * then one 32-bit size per dimension) followed by the elements. Images are {@code [count, rows, cols]}
 * unsigned bytes and become samples {@code [n, 1, rows, cols]} in {@code [-1, 1]} ({@link Pixels});
 * labels are {@code [count]} unsigned bytes and become one-hot rows over {@code max label + 1} classes.
 * Either file may be gzip-compressed, which is recognised by its first two bytes ({@code 1f 8b}) rather
 * than its name.
 */
final class IdxSource extends InMemoryDataSource {
  private static final int UNSIGNED_BYTE = 0x08;
  private static final int BUFFER_SIZE = 1 << 16;

  private IdxSource(
      String name, long[] sampleShape, float[] pixels, int[] labels, long seed, DataType dataType) {
    super(name, sampleShape, pixels, labels, seed, dataType);
  }

  static IdxSource open(IdxConfig config, long seed, DataType dataType) {
    Path images = Path.of(config.images());
    requireFile(images, "data.images");
    Optional<Path> labels = Optional.ofNullable(config.labels()).map(Path::of);
    labels.ifPresent(path -> requireFile(path, "data.labels"));
    return open("idx", images, labels, seed, dataType);
  }

  /**
   * Reads an images file and, when given, its labels file.
   *
   * @param name the source's type name, for its {@link dev.ganforge.api.DatasetInfo}
   * @throws DataUnavailableException when a file is unreadable, corrupt or truncated, naming it and what
   *     is wrong
   */
  static IdxSource open(String name, Path images, Optional<Path> labels, long seed, DataType dataType) {
    Idx imageFile = read(images, 3);
    int count = imageFile.sizes()[0];
    int rows = imageFile.sizes()[1];
    int columns = imageFile.sizes()[2];
    float[] pixels = new float[imageFile.values().length];
    byte[] bytes = imageFile.values();
    for (int i = 0; i < bytes.length; i++) {
      pixels[i] = Pixels.fromByte(bytes[i] & 0xff);
    }
    int[] classes = null;
    if (labels.isPresent()) {
      Idx labelFile = read(labels.get(), 1);
      if (labelFile.sizes()[0] != count) {
        throw new DataUnavailableException(labels.get().toAbsolutePath() + " holds " + labelFile.sizes()[0]
            + " labels but " + images.toAbsolutePath() + " holds " + count + " images; are they of the same "
            + "split?");
      }
      classes = new int[count];
      for (int i = 0; i < count; i++) {
        classes[i] = labelFile.values()[i] & 0xff;
      }
    }
    return new IdxSource(name, new long[] {1, rows, columns}, pixels, classes, seed, dataType);
  }

  /**
   * Opens one split of a dataset published as the four standard idx files ({@code train-images-idx3-ubyte},
   * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}), each
   * with or without a {@code .gz} suffix.
   *
   * @param whenMissing the message for a missing file, given its path (without {@code .gz}) and the
   *     names of the split's two files; it must say how to get them
   */
  static IdxSource openSplit(
      String name,
      Path directory,
      DataSplit split,
      long seed,
      DataType dataType,
      BiFunction<Path, String, String> whenMissing) {
    String prefix = split == DataSplit.TRAIN ? "train" : "t10k";
    String imagesName = prefix + "-images-idx3-ubyte";
    String labelsName = prefix + "-labels-idx1-ubyte";
    String bothNames = imagesName + "(.gz) and " + labelsName + "(.gz)";
    Path images = find(directory, imagesName).orElseThrow(() -> new DataUnavailableException(
        whenMissing.apply(directory.toAbsolutePath().resolve(imagesName), bothNames)));
    Path labels = find(directory, labelsName).orElseThrow(() -> new DataUnavailableException(
        whenMissing.apply(directory.toAbsolutePath().resolve(labelsName), bothNames)));
    return open(name, images, Optional.of(labels), seed, dataType);
  }

  /** {@code directory/baseName}, or {@code directory/baseName.gz} when only that exists. */
  private static Optional<Path> find(Path directory, String baseName) {
    Path plain = directory.resolve(baseName);
    if (Files.isRegularFile(plain)) {
      return Optional.of(plain);
    }
    Path compressed = directory.resolve(baseName + ".gz");
    return Files.isRegularFile(compressed) ? Optional.of(compressed) : Optional.empty();
  }

  private static void requireFile(Path file, String key) {
    if (!Files.isRegularFile(file)) {
      throw new DataUnavailableException("idx file " + file.toAbsolutePath() + " (" + key + ") "
          + (Files.exists(file) ? "is not a regular file" : "does not exist") + "; set " + key
          + " to the path of an idx file, gzip-compressed or not");
    }
  }

  /** A parsed idx file of unsigned bytes. */
  record Idx(int[] sizes, byte[] values) {}

  /** Reads an idx file of unsigned bytes with {@code dimensions} dimensions, naming the file in any error. */
  static Idx read(Path file, int dimensions) {
    String where = file.toAbsolutePath().toString();
    try (InputStream in = openMaybeCompressed(file)) {
      byte[] magic = new byte[4];
      int headerRead = readFully(in, magic);
      if (headerRead < 4) {
        throw corrupt(where, "it ends after " + headerRead + " bytes, inside the 4-byte magic number");
      }
      if (magic[0] != 0 || magic[1] != 0) {
        throw corrupt(where, "it starts with bytes " + HexFormat.ofDelimiter(" ").formatHex(magic)
            + ", not an idx magic number (00 00 08 0" + dimensions + " expected)");
      }
      if (magic[2] != UNSIGNED_BYTE) {
        throw corrupt(where, String.format(
            "its element type is 0x%02x; only 0x08 (unsigned byte) is supported", magic[2] & 0xff));
      }
      if (magic[3] != dimensions) {
        throw corrupt(where, "it has " + (magic[3] & 0xff) + " dimensions; expected " + dimensions
            + (dimensions == 3 ? " (images: count, rows, columns)" : " (labels: count)"));
      }
      byte[] header = new byte[4 * dimensions];
      int sizesRead = readFully(in, header);
      if (sizesRead < header.length) {
        throw corrupt(where, "it ends inside the header, after " + (4 + sizesRead) + " bytes");
      }
      int[] sizes = new int[dimensions];
      long length = 1;
      for (int d = 0; d < dimensions; d++) {
        sizes[d] = ((header[4 * d] & 0xff) << 24) | ((header[4 * d + 1] & 0xff) << 16)
            | ((header[4 * d + 2] & 0xff) << 8) | (header[4 * d + 3] & 0xff);
        if (sizes[d] <= 0) {
          throw corrupt(where, "dimension " + d + " has size " + Integer.toUnsignedString(sizes[d])
              + "; sizes must be positive");
        }
        length *= sizes[d];
        if (length > Integer.MAX_VALUE - 8) {
          throw corrupt(where, "its sizes " + describe(sizes, d + 1) + " are too large to hold in memory");
        }
      }
      byte[] values = new byte[(int) length];
      int valuesRead = readFully(in, values);
      if (valuesRead < values.length) {
        throw corrupt(where, "it is truncated: the header announces " + describe(sizes, dimensions)
            + " = " + values.length + " bytes of data, but only " + valuesRead + " follow");
      }
      return new Idx(sizes, values);
    } catch (NoSuchFileException e) {
      throw new DataUnavailableException("idx file " + where + " does not exist", e);
    } catch (ZipException e) {
      throw corrupt(where, "it starts like gzip but is not valid gzip data (" + e.getMessage() + ")", e);
    } catch (EOFException e) {
      throw corrupt(where, "its gzip data ends early: the file is truncated (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new DataUnavailableException("cannot read idx file " + where + ": " + e, e);
    }
  }

  private static InputStream openMaybeCompressed(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
    try {
      in.mark(2);
      int first = in.read();
      int second = in.read();
      in.reset();
      if (first == 0x1f && second == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(in, BUFFER_SIZE), BUFFER_SIZE);
      }
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Reads until {@code buffer} is full or the stream ends; returns the number of bytes read. */
  private static int readFully(InputStream in, byte[] buffer) throws IOException {
    int read = 0;
    while (read < buffer.length) {
      int n = in.read(buffer, read, buffer.length - read);
      if (n < 0) {
        break;
      }
      read += n;
    }
    return read;
  }

  private static String describe(int[] sizes, int dimensions) {
    StringBuilder text = new StringBuilder();
    for (int d = 0; d < dimensions; d++) {
      text.append(d == 0 ? "" : " x ").append(Integer.toUnsignedString(sizes[d]));
    }
    return text.toString();
  }

  private static DataUnavailableException corrupt(String where, String problem) {
    return new DataUnavailableException("idx file " + where + " is corrupt: " + problem);
  }

  private static DataUnavailableException corrupt(String where, String problem, Throwable cause) {
    return new DataUnavailableException("idx file " + where + " is corrupt: " + problem, cause);
  }
}
