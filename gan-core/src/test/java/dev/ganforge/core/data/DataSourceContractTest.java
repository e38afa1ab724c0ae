package dev.ganforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every data source promises, checked on each: a resumed stream reads exactly the batches an
 * uninterrupted one would, a seed fixes the stream and another seed changes it, fixed samples do not
 * move, and arrays come in the requested data type with the shape {@link dev.ganforge.api.DatasetInfo}
 * announces. The finite datasets are small (11 samples) so that batches cross epoch boundaries.
 */
final class DataSourceContractTest {
  private static final int BATCH = 4;

  static Stream<Arguments> sources() {
    return Stream.of(
        source("gaussian-ring", folder -> new GaussianRingConfig(null, null, null)),
        source("gaussian-grid", folder -> new GaussianGridConfig(3, 1.0, 0.1)),
        source("idx", folder -> new IdxConfig(
            IdxFiles.write(folder.resolve("images"), IdxFiles.images(11, 3, 2)).toString(),
            IdxFiles.write(folder.resolve("labels"), IdxFiles.labels(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1))
                .toString())),
        source("idx without labels", folder -> new IdxConfig(
            IdxFiles.write(folder.resolve("images.gz"), IdxFiles.gzip(IdxFiles.images(11, 2, 2)))
                .toString(),
            null)),
        source("mnist", folder -> {
          IdxFiles.write(
              folder.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(11, 4, 4)));
          IdxFiles.write(
              folder.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9));
          return new MnistConfig(DataSplit.TEST, folder.toString());
        }),
        source("fashion-mnist", folder -> {
          IdxFiles.write(folder.resolve("train-images-idx3-ubyte"), IdxFiles.images(11, 4, 4));
          IdxFiles.write(
              folder.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0));
          return new FashionMnistConfig(null, folder.toString());
        }),
        source("image-folder", folder -> {
          for (int i = 0; i < 11; i++) {
            writeImage(folder.resolve("image-" + i + ".png"), new Color(20 * i, 255 - 20 * i, 7 * i));
          }
          return new ImageFolderConfig(folder.toString(), 4, 3, null);
        }));
  }

  @ParameterizedTest
  @MethodSource("sources")
  void aRestoredStreamReadsExactlyTheBatchesTheOriginalReadsNext(
      Function<Path, DataConfig> config, @TempDir Path folder) {
    DataConfig data = config.apply(folder);
    DataSource original = DataSources.open(data, 17, DataType.FLOAT);
    for (int i = 0; i < 3; i++) {
      original.next(BATCH);
    }
    DataPosition saved = original.position();
    List<Batch> expected = read(original, 5);

    DataSource resumed = DataSources.open(data, 17, DataType.FLOAT);
    resumed.restore(saved);
    assertThat(read(resumed, 5)).isEqualTo(expected);

    DataSource rewound = DataSources.open(data, 17, DataType.FLOAT);
    read(rewound, 7);
    rewound.restore(saved);
    assertThat(read(rewound, 5)).isEqualTo(expected);
    assertThat(rewound.position()).isEqualTo(original.position());
  }

  @ParameterizedTest
  @MethodSource("sources")
  void theSeedFixesTheStreamAndAnotherSeedChangesIt(
      Function<Path, DataConfig> config, @TempDir Path folder) {
    DataConfig data = config.apply(folder);

    List<Batch> first = read(DataSources.open(data, 5, DataType.FLOAT), 6);
    List<Batch> again = read(DataSources.open(data, 5, DataType.FLOAT), 6);
    List<Batch> otherSeed = read(DataSources.open(data, 6, DataType.FLOAT), 6);

    assertThat(again).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @ParameterizedTest
  @MethodSource("sources")
  void fixedSamplesAreTheSameOnEveryCallWhereverTheStreamIs(
      Function<Path, DataConfig> config, @TempDir Path folder) {
    DataConfig data = config.apply(folder);
    DataSource source = DataSources.open(data, 5, DataType.FLOAT);

    INDArray before = source.fixedSamples(6);
    read(source, 4);
    DataPosition position = source.position();
    INDArray after = source.fixedSamples(6);

    assertThat(after).isEqualTo(before);
    assertThat(source.position()).isEqualTo(position);
    assertThat(DataSources.open(data, 5, DataType.FLOAT).fixedSamples(6)).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("sources")
  void arraysHaveTheAnnouncedShapeAndTheRequestedDataType(
      Function<Path, DataConfig> config, @TempDir Path folder) {
    DataConfig data = config.apply(folder);
    for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
      DataSource source = DataSources.open(data, 5, type);

      Batch batch = source.next(BATCH);

      assertThat(batch.features().shape()).isEqualTo(source.info().batchShape(BATCH));
      assertThat(batch.features().dataType()).isEqualTo(type);
      assertThat(source.fixedSamples(3).shape()).isEqualTo(source.info().batchShape(3));
      assertThat(source.fixedSamples(3).dataType()).isEqualTo(type);
      assertThat(batch.features().minNumber().doubleValue()).isFinite();
      if (source.info().classCount() > 0) {
        INDArray labels = batch.labels().orElseThrow();
        assertThat(labels.shape()).containsExactly(BATCH, source.info().classCount());
        assertThat(labels.dataType()).isEqualTo(type);
      } else {
        assertThat(batch.labels()).isEmpty();
      }
    }
  }

  private static List<Batch> read(DataSource source, int batches) {
    List<Batch> read = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      read.add(source.next(BATCH));
    }
    return read;
  }

  private static Arguments source(String name, Function<Path, DataConfig> config) {
    return Arguments.of(named(name, config));
  }

  static void writeImage(Path file, Color color) {
    BufferedImage image = new BufferedImage(6, 5, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(color);
    graphics.fillRect(0, 0, 6, 5);
    graphics.dispose();
    try {
      Files.createDirectories(file.getParent());
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
