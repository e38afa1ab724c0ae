package dev.ganforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.DatasetInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

final class IdxSourceTest {
  private static final int[] LABELS = {0, 2, 1, 2, 0};

  @TempDir
  Path folder;

  @Test
  void scalesPixelsFromZeroToTwoHundredFiftyFiveOntoMinusOneToOne() {
    byte[] pixels = {0, (byte) 255, (byte) 127, (byte) 128, 51, (byte) 204};
    Path images = IdxFiles.write(folder.resolve("images"), IdxFiles.idx(pixels, 1, 2, 3));

    INDArray sample = open(images, null).fixedSamples(1);

    assertThat(sample.shape()).containsExactly(1, 1, 2, 3);
    assertThat(sample.data().asFloat())
        .containsExactly(-1f, 1f, 127 / 127.5f - 1, 128 / 127.5f - 1, 51 / 127.5f - 1, 204 / 127.5f - 1);
    assertThat(sample.getFloat(0, 0, 1, 2)).isCloseTo(0.6f, within(1e-6f));
  }

  @Test
  void describesImagesAndLabels() {
    DatasetInfo info = open(writeImages("images", false), writeLabels("labels", false)).info();

    assertThat(info.name()).isEqualTo("idx");
    assertThat(info.sampleShape()).containsExactly(1L, 3L, 4L);
    assertThat(info.classCount()).isEqualTo(3);
    assertThat(info.modeCenters()).isEmpty();
  }

  @Test
  void withoutLabelsThereAreNoClassesAndNoLabelArrays() {
    DataSource source = open(writeImages("images", false), null);

    assertThat(source.info().classCount()).isZero();
    assertThat(source.next(3).labels()).isEmpty();
  }

  @Test
  void eachSampleComesWithItsOneHotLabel() {
    DataSource source = open(writeImages("images", false), writeLabels("labels", false));

    for (int batch = 0; batch < 4; batch++) {
      Batch read = source.next(3);
      INDArray labels = read.labels().orElseThrow();
      assertThat(labels.shape()).containsExactly(3, 3);
      for (int row = 0; row < 3; row++) {
        int sample = sampleIndex(read.features(), row);
        float[] oneHot = labels.getRow(row).toFloatVector();
        float[] expected = new float[3];
        expected[LABELS[sample]] = 1;
        assertThat(oneHot).as("label of sample %d", sample).containsExactly(expected);
      }
    }
  }

  @Test
  void gzipIsRecognisedByItsMagicBytesNotByTheFileName() {
    // Compressed files without .gz, and plain files with it.
    DataSource plain = open(writeImages("images", false), writeLabels("labels", false));
    DataSource compressed = open(
        IdxFiles.write(folder.resolve("zipped-images.idx"), IdxFiles.gzip(IdxFiles.images(5, 3, 4))),
        IdxFiles.write(folder.resolve("plain-labels.gz"), IdxFiles.labels(LABELS)));

    assertThat(compressed.info()).isEqualTo(plain.info());
    assertThat(compressed.fixedSamples(5)).isEqualTo(plain.fixedSamples(5));
    for (int i = 0; i < 4; i++) {
      assertThat(compressed.next(2)).isEqualTo(plain.next(2));
    }
  }

  @Test
  void fixedSamplesAreTheFirstSamplesInFileOrder() {
    DataSource source = open(writeImages("images", true), null);

    INDArray fixed = source.fixedSamples(4);

    for (int row = 0; row < 4; row++) {
      assertThat(sampleIndex(fixed, row)).isEqualTo(row);
    }
    assertThatThrownBy(() -> source.fixedSamples(6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has only 5");
  }

  @Test
  void everyEpochVisitsEverySampleExactlyOnceInANewOrder() {
    Path images = IdxFiles.write(folder.resolve("images"), IdxFiles.images(7, 2, 2));
    DataSource source = open(images, null);

    // 12 batches of 3 are 36 samples: five whole epochs of 7 and one sample into the sixth.
    List<Integer> stream = new ArrayList<>();
    for (int batch = 0; batch < 12; batch++) {
      INDArray features = source.next(3).features();
      for (int row = 0; row < 3; row++) {
        stream.add(sampleIndex(features, row));
      }
    }

    List<List<Integer>> epochs = new ArrayList<>();
    for (int epoch = 0; epoch < 5; epoch++) {
      List<Integer> order = stream.subList(7 * epoch, 7 * epoch + 7);
      assertThat(order).as("epoch %d", epoch).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
      epochs.add(order);
    }
    assertThat(epochs.stream().distinct().count()).as("distinct epoch orders").isGreaterThan(1);
    assertThat(source.position()).isEqualTo(new DataPosition(5, 1, 0));
  }

  @Test
  void aPositionOutsideTheDatasetIsRejected() {
    DataSource source = open(writeImages("images", false), null);

    assertThatThrownBy(() -> source.restore(new DataPosition(2, 5, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the dataset has 5 samples");
  }

  @Test
  void aFileThatIsNotIdxIsReportedWithItsPathAndFirstBytes() {
    Path text = IdxFiles.write(folder.resolve("notes.txt"), "hello, world".getBytes());

    assertThat(failure(text, null))
        .contains(text.toString(), "is corrupt", "68 65 6c 6c", "not an idx magic number");
  }

  @Test
  void aTruncatedFileSaysHowMuchDataIsMissing() {
    byte[] whole = IdxFiles.images(5, 3, 4);
    Path truncated = IdxFiles.write(folder.resolve("images"), Arrays.copyOf(whole, whole.length - 10));

    assertThat(failure(truncated, null)).contains(
        truncated.toString(), "truncated", "5 x 3 x 4 = 60 bytes of data, but only 50 follow");
  }

  @Test
  void aFileEndingInsideTheHeaderIsCorrupt() {
    Path stub = IdxFiles.write(folder.resolve("images"), Arrays.copyOf(IdxFiles.images(5, 3, 4), 9));

    assertThat(failure(stub, null)).contains(stub.toString(), "ends inside the header");
  }

  @Test
  void aTruncatedGzipFileIsReportedAsSuch() {
    byte[] compressed = IdxFiles.gzip(IdxFiles.images(50, 10, 10));
    Path truncated = IdxFiles.write(
        folder.resolve("images.gz"), Arrays.copyOf(compressed, compressed.length / 2));

    assertThat(failure(truncated, null)).contains(truncated.toString(), "gzip", "truncated");
  }

  @Test
  void aDamagedGzipFileIsReportedAsSuch() {
    byte[] compressed = IdxFiles.gzip(IdxFiles.images(5, 3, 4));
    compressed[2] = 7; // compression method: only 8 (deflate) exists
    Path damaged = IdxFiles.write(folder.resolve("images.gz"), compressed);

    assertThat(failure(damaged, null)).contains(damaged.toString(), "not valid gzip data");
  }

  @Test
  void wrongElementTypesAndDimensionsAreNamed() {
    byte[] floats = IdxFiles.images(5, 3, 4);
    floats[2] = 0x0d;
    Path floatImages = IdxFiles.write(folder.resolve("float-images"), floats);
    Path labelsAsImages = writeLabels("labels", false);

    assertThat(failure(floatImages, null)).contains("element type is 0x0d", "0x08 (unsigned byte)");
    assertThat(failure(labelsAsImages, null))
        .contains(labelsAsImages.toString(), "has 1 dimensions; expected 3");
  }

  @Test
  void labelsForAnotherNumberOfImagesAreRejected() {
    Path labels = IdxFiles.write(folder.resolve("labels"), IdxFiles.labels(1, 2, 3));

    assertThat(failure(writeImages("images", false), labels))
        .contains("holds 3 labels but", "holds 5 images");
  }

  @Test
  void aMissingFileNamesTheConfigKey() {
    Path missing = folder.resolve("nowhere/images-idx3-ubyte");

    assertThat(failure(missing, null)).contains(missing.toString(), "data.images", "does not exist");
    assertThat(failure(writeImages("images", false), missing)).contains(missing.toString(), "data.labels");
  }

  @Test
  void unavailableDataExitsWithCodeThree() {
    DataUnavailableException error = catchThrowableOfType(
        () -> open(folder.resolve("missing"), null), DataUnavailableException.class);

  }

  /** Recognises a sample of {@link IdxFiles#images} by its first pixel. */
  static int sampleIndex(INDArray features, int row) {
    double first = features.slice(row).reshape(-1).getDouble(0);
    return (int) Math.round((first + 1) * 127.5);
  }

  private Path writeImages(String name, boolean gzip) {
    byte[] content = IdxFiles.images(5, 3, 4);
    return IdxFiles.write(folder.resolve(name), gzip ? IdxFiles.gzip(content) : content);
  }

  private Path writeLabels(String name, boolean gzip) {
    byte[] content = IdxFiles.labels(LABELS);
    return IdxFiles.write(folder.resolve(name), gzip ? IdxFiles.gzip(content) : content);
  }

  private static DataSource open(Path images, Path labels) {
    return DataSources.open(
        new IdxConfig(images.toString(), labels == null ? null : labels.toString()), 11, DataType.FLOAT);
  }

  private static String failure(Path images, Path labels) {
    return catchThrowableOfType(() -> open(images, labels), DataUnavailableException.class).getMessage();
  }
}
