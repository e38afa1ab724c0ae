package dev.ganforge.core.data;

import static dev.ganforge.core.data.SampleFiles.badSet;
import static dev.ganforge.core.data.SampleFiles.fitShape;
import static dev.ganforge.core.data.SampleFiles.isImage;
import static dev.ganforge.core.data.SampleFiles.pathOf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The {@code idx} sample format ({@link SampleFiles}): the MNIST files, idx3 or idx4. */
final class IdxSamples {
  private IdxSamples() {}

  static final class IdxWriter extends SampleFiles.FileWriter {
    IdxWriter(Path base, List<Long> sampleShape, int count, boolean labelled) throws IOException {
      super(pathOf(SampleFiles.Format.IDX, base, sampleShape),
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

  static void writeIdxHeader(OutputStream out, List<Long> dims) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.size()).order(ByteOrder.BIG_ENDIAN);
    header.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.size());
    dims.forEach(size -> header.putInt(Math.toIntExact(size)));
    out.write(header.array());
  }

  static INDArray read(Path file, List<Long> sampleShape) {
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
}
