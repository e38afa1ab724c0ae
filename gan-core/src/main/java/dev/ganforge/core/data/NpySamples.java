package dev.ganforge.core.data;

import static dev.ganforge.core.data.SampleFiles.BUFFER_SIZE;
import static dev.ganforge.core.data.SampleFiles.badSet;
import static dev.ganforge.core.data.SampleFiles.fitShape;
import static dev.ganforge.core.data.SampleFiles.pathOf;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The {@code npy} sample format ({@link SampleFiles}): NumPy's format 1.0, written as float32. */
final class NpySamples {
  private NpySamples() {}

  static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  static final Pattern NPY_DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  static final Pattern NPY_ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  static final Pattern NPY_SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  static final class NpyWriter extends SampleFiles.FileWriter {
    NpyWriter(Path base, List<Long> sampleShape, int count, boolean labelled) throws IOException {
      super(pathOf(SampleFiles.Format.NPY, base, sampleShape),
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
  static void writeNpyHeader(OutputStream out, String descr, List<Long> shape) throws IOException {
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

  static INDArray read(Path file, List<Long> sampleShape) throws IOException {
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

  static void checkRange(Path file, float[] values) {
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

  static byte[] readData(InputStream in, long bytes, Path file) throws IOException {
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

  static String group(Pattern pattern, String header, Path file, String key) {
    Matcher matcher = pattern.matcher(header);
    if (!matcher.find()) {
      throw badSet(file, "its header has no " + key + ": " + header.trim());
    }
    return matcher.group(1);
  }
}
