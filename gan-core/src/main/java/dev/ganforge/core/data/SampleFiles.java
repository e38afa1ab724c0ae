package dev.ganforge.core.data;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
  private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern NPY_DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern NPY_ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern NPY_SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
  private static final int BUFFER_SIZE = 1 << 16;

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
      case NPY -> new NpyWriter(absolute, sampleShape, count, labelled);
      case PNG_DIR -> new PngDirWriter(absolute, sampleShape, count, labelled);
      case IDX -> new IdxWriter(absolute, sampleShape, count, labelled);
    };
  }

  private static boolean isImage(List<Long> sampleShape) {
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
        return new SampleSet(readPngDir(absolute, sampleShape), Format.PNG_DIR, absolute);
      }
      if (absolute.getFileName().toString().endsWith(".npy")) {
        return new SampleSet(readNpy(absolute, sampleShape), Format.NPY, absolute);
      }
      byte[] start = new byte[4];
      try (InputStream in = Files.newInputStream(absolute)) {
        if (in.readNBytes(start, 0, 4) == 4 && start[0] == 0 && start[1] == 0 && start[2] == 8) {
          return new SampleSet(readIdx(absolute, sampleShape), Format.IDX, absolute);
        }
      }
    } catch (IOException e) {
      throw new DataUnavailableException("cannot read sample set " + absolute + ": " + e.getMessage(), e);
    }
    throw new DataUnavailableException("cannot tell the format of " + absolute + ": give a folder of PNG files "
        + "(png-dir), a .npy file or an idx file");
  }

  // ---- npy

  /** A writer of one samples file and, for a conditional run, one labels file; checks the count on close. */
  private abstract static class FileWriter implements Writer {
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

  private static final class NpyWriter extends FileWriter {
    NpyWriter(Path base, List<Long> sampleShape, int count, boolean labelled) throws IOException {
      super(pathOf(Format.NPY, base, sampleShape),
          labelled ? base.resolveSibling(base.getFileName() + ".labels.npy") : null, count);
      List<Long> shape = new ArrayList<>();
      shape.add((long) count);
      shape.addAll(sampleShape);
      writeNpyHeader(out, "<f4", shape);
      if (labelsOut != null) {
        writeNpyHeader(labelsOut, "<i8", List.of((long) count));
      }
    }

    @Override
    void writeBatch(float[] values, int[] labels, int samples) throws IOException {
      ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(values);
      out.write(bytes.array());
      if (labelsOut != null) {
        ByteBuffer labelBytes = ByteBuffer.allocate(samples * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
          labelBytes.putLong(labels[i]);
        }
        labelsOut.write(labelBytes.array());
      }
    }
  }

  /** NumPy format 1.0: magic, version, little-endian header length, a dict padded to 64 bytes with '\n'. */
  private static void writeNpyHeader(OutputStream out, String descr, List<Long> shape) throws IOException {
    StringBuilder dims = new StringBuilder();
    for (long size : shape) {
      dims.append(size).append(", ");
    }
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
        + (shape.size() == 1 ? dims.toString().trim() : dims.substring(0, dims.length() - 2)) + "), }";
    int unpadded = NPY_MAGIC.length + 4 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    out.write(NPY_MAGIC);
    out.write(new byte[] {1, 0, (byte) header.length(), (byte) (header.length() >> 8)});
    out.write(header.getBytes(StandardCharsets.US_ASCII));
  }

  private static INDArray readNpy(Path file, List<Long> sampleShape) throws IOException {
    try (DataInputStream in = new DataInputStream(
        new java.io.BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE))) {
      byte[] magic = in.readNBytes(NPY_MAGIC.length);
      if (!Arrays.equals(magic, NPY_MAGIC)) {
        throw badSet(file, "it does not start with NumPy's magic string \\x93NUMPY");
      }
      int major = in.readUnsignedByte();
      in.readUnsignedByte();
      int headerLength = major == 1
          ? Short.toUnsignedInt(Short.reverseBytes(in.readShort())) : Integer.reverseBytes(in.readInt());
      String header = new String(in.readNBytes(headerLength), StandardCharsets.ISO_8859_1);
      String descr = group(NPY_DESCR, header, file, "descr");
      if (group(NPY_ORDER, header, file, "fortran_order").equals("True")) {
        throw badSet(file, "it is stored in Fortran order; save it C-ordered (numpy.ascontiguousarray)");
      }
      long[] shape = Arrays.stream(group(NPY_SHAPE, header, file, "shape").split(","))
          .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
      long[] samples = fitShape(file, shape, sampleShape);
      int count = (int) samples[0];
      int length = Math.toIntExact(Arrays.stream(samples).reduce(1, Math::multiplyExact));
      float[] values = new float[length];
      switch (descr) {
        case "<f4" -> {
          ByteBuffer bytes = ByteBuffer.wrap(readData(in, (long) length * 4, file)).order(ByteOrder.LITTLE_ENDIAN);
          bytes.asFloatBuffer().get(values);
        }
        case "<f8" -> {
          ByteBuffer bytes = ByteBuffer.wrap(readData(in, (long) length * 8, file)).order(ByteOrder.LITTLE_ENDIAN);
          for (int i = 0; i < length; i++) {
            values[i] = (float) bytes.getDouble();
          }
        }
        case "|u1", "<u1", "u1" -> {
          byte[] bytes = readData(in, length, file);
          for (int i = 0; i < length; i++) {
            values[i] = Pixels.fromByte(bytes[i] & 0xff);
          }
        }
        default -> throw badSet(file, "its element type is " + descr + "; float32 (<f4), float64 (<f8) and "
            + "unsigned bytes (|u1) are read");
      }
      if (!descr.endsWith("u1") && sampleShape.size() == 3) {
        checkRange(file, values);
      }
      long[] full = new long[sampleShape.size() + 1];
      full[0] = count;
      for (int i = 0; i < sampleShape.size(); i++) {
        full[i + 1] = sampleShape.get(i);
      }
      return Nd4j.create(values, full, 'c');
    }
  }

  /** {@code [n, ...sampleShape]} for an array of {@code shape}, which may leave out a single channel. */
  private static long[] fitShape(Path file, long[] shape, List<Long> sampleShape) {
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

  private static void checkRange(Path file, float[] values) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float value : values) {
      if (Float.isNaN(value)) {
        throw badSet(file, "it holds NaN values");
      }
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    // a little slack for float rounding in another framework's tanh or rescaling
    if (min < -1.001f || max > 1.001f) {
      throw badSet(file, String.format(Locale.ROOT, "its values run from %.4g to %.4g; images must be in "
          + "[-1, 1] (pixels p in 0-255: p / 127.5 - 1; values v in [0, 1]: 2 v - 1)", min, max));
    }
  }

  private static byte[] readData(InputStream in, long bytes, Path file) throws IOException {
    if (bytes > Integer.MAX_VALUE - 8) {
      throw badSet(file, "it is too large to read at once (" + bytes + " bytes); write fewer samples");
    }
    byte[] data = in.readNBytes((int) bytes);
    if (data.length < bytes) {
      throw badSet(file, "it is truncated: its header announces " + bytes + " bytes of data, " + data.length
          + " follow");
    }
    return data;
  }

  private static String group(Pattern pattern, String header, Path file, String key) {
    Matcher matcher = pattern.matcher(header);
    if (!matcher.find()) {
      throw badSet(file, "its header has no " + key + ": " + header.trim());
    }
    return matcher.group(1);
  }

  // ---- png-dir

  private static final class PngDirWriter implements Writer {
    private final Path folder;
    private final List<Long> sampleShape;
    private final int count;
    private final String nameFormat;
    private final StringBuilder labels;
    private int written;

    PngDirWriter(Path folder, List<Long> sampleShape, int count, boolean labelled) throws IOException {
      this.folder = folder;
      this.sampleShape = sampleShape;
      this.count = count;
      this.nameFormat = "%0" + Math.max(6, String.valueOf(count - 1).length()) + "d.png";
      this.labels = labelled ? new StringBuilder("file,label\n") : null;
      Files.createDirectories(folder);
    }

    @Override
    public void write(INDArray batch, int[] classes) throws IOException {
      int samples = (int) batch.size(0);
      checkRoom(written, samples, count);
      float[] values = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
      int channels = sampleShape.get(0).intValue();
      int height = sampleShape.get(1).intValue();
      int width = sampleShape.get(2).intValue();
      int plane = height * width;
      for (int i = 0; i < samples; i++) {
        BufferedImage image = new BufferedImage(width, height,
            channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int offset = i * channels * plane;
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            int at = offset + y * width + x;
            if (channels == 1) {
              image.getRaster().setSample(x, y, 0, Pixels.toByte(values[at]));
            } else {
              image.setRGB(x, y, Pixels.toByte(values[at]) << 16 | Pixels.toByte(values[at + plane]) << 8
                  | Pixels.toByte(values[at + 2 * plane]));
            }
          }
        }
        String name = String.format(Locale.ROOT, nameFormat, written + i);
        ImageIO.write(image, "png", folder.resolve(name).toFile());
        if (labels != null) {
          labels.append(name).append(',').append(classes[i]).append('\n');
        }
      }
      written += samples;
    }

    @Override
    public Path path() {
      return folder;
    }

    @Override
    public void close() throws IOException {
      checkComplete(written, count, folder);
      if (labels != null) {
        Files.writeString(folder.resolve("labels.csv"), labels);
      }
    }
  }

  private static INDArray readPngDir(Path folder, List<Long> sampleShape) throws IOException {
    if (!isImage(sampleShape)) {
      throw badSet(folder, "a folder of PNG files holds images; this data's samples have shape " + sampleShape);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
          .sorted().toList();
    }
    if (files.isEmpty()) {
      throw badSet(folder, "it holds no .png files");
    }
    int channels = sampleShape.get(0).intValue();
    int height = sampleShape.get(1).intValue();
    int width = sampleShape.get(2).intValue();
    int plane = height * width;
    float[] values = new float[Math.multiplyExact(files.size(), channels * plane)];
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null) {
        throw badSet(file, "it is not a readable PNG image");
      }
      if (image.getWidth() != width || image.getHeight() != height) {
        throw badSet(file, "it is " + image.getWidth() + " x " + image.getHeight() + " pixels; the data's images "
            + "are " + width + " x " + height);
      }
      boolean gray = image.getRaster().getNumBands() == 1;
      int offset = i * channels * plane;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int at = offset + y * width + x;
          if (gray) {
            float value = Pixels.fromByte(image.getRaster().getSample(x, y, 0));
            for (int c = 0; c < channels; c++) {
              values[at + c * plane] = value;
            }
            continue;
          }
          int rgb = image.getRGB(x, y);
          int r = rgb >> 16 & 0xff;
          int g = rgb >> 8 & 0xff;
          int b = rgb & 0xff;
          if (channels == 1) {
            if (r != g || g != b) {
              throw badSet(file, "it is a colour image; the data's images are grayscale");
            }
            values[at] = Pixels.fromByte(r);
          } else {
            values[at] = Pixels.fromByte(r);
            values[at + plane] = Pixels.fromByte(g);
            values[at + 2 * plane] = Pixels.fromByte(b);
          }
        }
      }
    }
    return Nd4j.create(values, new long[] {files.size(), channels, height, width}, 'c');
  }

  // ---- idx

  private static final class IdxWriter extends FileWriter {
    IdxWriter(Path base, List<Long> sampleShape, int count, boolean labelled) throws IOException {
      super(pathOf(Format.IDX, base, sampleShape),
          labelled ? base.resolveSibling(base.getFileName() + "-labels-idx1-ubyte") : null, count);
      List<Long> dims = new ArrayList<>();
      dims.add((long) count);
      dims.addAll(sampleShape.get(0) == 1 ? sampleShape.subList(1, 3) : sampleShape);
      writeIdxHeader(out, dims);
      if (labelsOut != null) {
        writeIdxHeader(labelsOut, List.of((long) count));
      }
    }

    @Override
    void writeBatch(float[] values, int[] labels, int samples) throws IOException {
      byte[] bytes = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        bytes[i] = (byte) Pixels.toByte(values[i]);
      }
      out.write(bytes);
      if (labelsOut != null) {
        for (int i = 0; i < samples; i++) {
          if (labels[i] < 0 || labels[i] > 255) {
            throw new IOException("class " + labels[i] + " does not fit an idx label byte");
          }
          labelsOut.write(labels[i]);
        }
      }
    }
  }

  private static void writeIdxHeader(OutputStream out, List<Long> dims) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.size()).order(ByteOrder.BIG_ENDIAN);
    header.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.size());
    dims.forEach(size -> header.putInt(Math.toIntExact(size)));
    out.write(header.array());
  }

  private static INDArray readIdx(Path file, List<Long> sampleShape) {
    if (!isImage(sampleShape)) {
      throw badSet(file, "an idx sample file holds images; this data's samples have shape " + sampleShape);
    }
    boolean oneChannel = sampleShape.get(0) == 1;
    IdxSource.Idx idx = IdxSource.read(file, oneChannel ? 3 : 4);
    long[] given = Arrays.stream(idx.sizes()).asLongStream().toArray();
    long[] samples = fitShape(file, given, sampleShape);
    byte[] bytes = idx.values();
    float[] values = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      values[i] = Pixels.fromByte(bytes[i] & 0xff);
    }
    return Nd4j.create(values, samples, 'c');
  }

  // ---- shared

  private static void checkRoom(int written, int more, int count) {
    if (written + more > count) {
      throw new IllegalStateException("a set of " + count + " samples got " + (written + more));
    }
  }

  private static void checkComplete(int written, int count, Path where) {
    if (written != count) {
      throw new UncheckedIOException(new IOException(where + " holds " + written + " of the " + count
          + " samples it was started for"));
    }
  }

  private static DataUnavailableException badSet(Path where, String problem) {
    return new DataUnavailableException("sample set " + where + " cannot be read: " + problem);
  }
}
