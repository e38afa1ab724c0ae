package dev.ganforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sample files in the formats other tools use: arrays NumPy itself saved (numpy 1.x, {@code np.save}) read
 * as NumPy wrote them, and what this project writes read back sample for sample.
 */
final class SampleFilesTest {
  private static final List<Long> IMAGE = List.of(1L, 28L, 28L);

  @TempDir Path directory;

  private static Path resource(String name) throws Exception {
    return Path.of(SampleFilesTest.class.getResource(name).toURI());
  }

  @Test
  void readsNumpysUnsignedBytesAsPixelsWithoutAChannelAxis() throws Exception {
    // np.save(f, (np.arange(3 * 28 * 28) % 256).astype(np.uint8).reshape(3, 28, 28))
    INDArray samples = SampleFiles.read(resource("numpy-uint8-3x28x28.npy"), IMAGE).samples();
    assertThat(samples.shape()).containsExactly(3, 1, 28, 28);
    float[] values = samples.data().asFloat();
    for (int i = 0; i < values.length; i++) {
      assertThat(values[i]).isEqualTo(Pixels.fromByte(i % 256));
    }
  }

  @Test
  void readsNumpysFloat64() throws Exception {
    // np.save(f, np.linspace(-1, 1, 2 * 784).reshape(2, 1, 28, 28))
    float[] values = SampleFiles.read(resource("numpy-float64-2x1x28x28.npy"), IMAGE).samples().data().asFloat();
    assertThat(values).hasSize(2 * 784);
    for (int i = 0; i < values.length; i++) {
      assertThat(values[i]).isEqualTo((float) (-1 + 2.0 * i / (2 * 784 - 1)));
    }
  }

  @Test
  void refusesWhatItCannotReadSayingWhatToDo() throws Exception {
    assertThatThrownBy(() -> SampleFiles.read(resource("numpy-fortran-2x1x28x28.npy"), IMAGE))
        .isInstanceOf(DataUnavailableException.class).hasMessageContaining("Fortran order")
        .hasMessageContaining("numpy.ascontiguousarray");
    assertThatThrownBy(() -> SampleFiles.read(resource("numpy-0to255-2x1x28x28.npy"), IMAGE))
        .isInstanceOf(DataUnavailableException.class).hasMessageContaining("run from 0.000 to 255.0")
        .hasMessageContaining("p / 127.5 - 1");
    assertThatThrownBy(() -> SampleFiles.read(resource("numpy-uint8-3x28x28.npy"), List.of(3L, 28L, 28L)))
        .isInstanceOf(DataUnavailableException.class).hasMessageContaining("shape [3, 28, 28]; expected [n, 3, 28, 28]");
    Path text = Files.writeString(directory.resolve("samples.txt"), "1,2,3\n");
    assertThatThrownBy(() -> SampleFiles.read(text, IMAGE)).hasMessageContaining("cannot tell the format");
    assertThatThrownBy(() -> SampleFiles.read(directory.resolve("absent.npy"), IMAGE))
        .hasMessageContaining("does not exist");
  }

  @Test
  void writesNumpysFormatBatchByBatchWithLabelsBeside() throws Exception {
    Path base = directory.resolve("set");
    INDArray first = Nd4j.rand(DataType.FLOAT, 3, 2).subi(0.5);
    INDArray second = Nd4j.rand(DataType.FLOAT, 2, 2).subi(0.5);
    try (SampleFiles.Writer writer = SampleFiles.create(SampleFiles.Format.NPY, base, List.of(2L), 5, true)) {
      writer.write(first, new int[] {0, 1, 2});
      writer.write(second, new int[] {3, 4});
    }
    byte[] file = Files.readAllBytes(directory.resolve("set.npy"));
    int headerLength = file[8] & 0xff | (file[9] & 0xff) << 8;
    String header = new String(file, 10, headerLength, StandardCharsets.US_ASCII);
    assertThat((10 + headerLength) % 64).as("NumPy aligns the data to 64 bytes").isZero();
    assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 2), }").endsWith("\n");
    assertThat(SampleFiles.read(directory.resolve("set.npy"), List.of(2L)).samples().data().asFloat())
        .containsExactly(Nd4j.concat(0, first, second).data().asFloat());

    byte[] labels = Files.readAllBytes(directory.resolve("set.labels.npy"));
    int labelHeader = labels[8] & 0xff | (labels[9] & 0xff) << 8;
    assertThat(new String(labels, 10, labelHeader, StandardCharsets.US_ASCII)).contains("'<i8'").contains("(5,)");
    ByteBuffer classes = ByteBuffer.wrap(labels, 10 + labelHeader, 40).order(ByteOrder.LITTLE_ENDIAN);
    for (long expected = 0; expected < 5; expected++) {
      assertThat(classes.getLong()).isEqualTo(expected);
    }
  }

  @Test
  void anUnfinishedSetIsAnError() {
    assertThatThrownBy(() -> {
      try (SampleFiles.Writer writer = SampleFiles.create(SampleFiles.Format.IDX, directory.resolve("short"),
          IMAGE, 4, false)) {
        writer.write(Nd4j.zeros(DataType.FLOAT, 3, 1, 28, 28), null);
      }
    }).hasMessageContaining("holds 3 of the 4 samples");
  }

  @Test
  void colourImagesGoToFourDimensionalIdxAndRgbPngs() throws Exception {
    List<Long> colour = List.of(3L, 4L, 5L);
    INDArray images = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 5).muli(2).subi(1);
    for (SampleFiles.Format format : new SampleFiles.Format[] {SampleFiles.Format.IDX, SampleFiles.Format.PNG_DIR}) {
      Path base = directory.resolve("colour-" + format.label());
      try (SampleFiles.Writer writer = SampleFiles.create(format, base, colour, 2, false)) {
        writer.write(images, null);
      }
      float[] read = SampleFiles.read(SampleFiles.pathOf(format, base, colour), colour).samples().data().asFloat();
      float[] written = images.data().asFloat();
      for (int i = 0; i < written.length; i++) {
        assertThat(read[i]).as("%s value %d", format, i).isEqualTo(Pixels.fromByte(Pixels.toByte(written[i])));
      }
    }
    assertThat(SampleFiles.pathOf(SampleFiles.Format.IDX, directory.resolve("x"), colour).getFileName().toString())
        .isEqualTo("x-images-idx4-ubyte");
  }
}
