package dev.ganforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

final class FashionMnistSourceTest {
  /** Where Debian's {@code dataset-fashion-mnist} package installs the gzip-compressed idx files. */
  private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir
  Path folder;

  @Test
  void theDefaultFolderIsWhereDebianInstallsIt() {
    assertThat(new FashionMnistConfig(null, null))
        .isEqualTo(new FashionMnistConfig(DataSplit.TRAIN, DEBIAN.toString()));
  }

  @Test
  void aMissingDatasetSaysHowToInstallIt() {
    Path empty = folder.resolve("fashion-mnist");

    DataUnavailableException error = catchThrowableOfType(
        () -> DataSources.open(new FashionMnistConfig(null, empty.toString()), 1, DataType.FLOAT),
        DataUnavailableException.class);

    assertThat(error.getMessage()).contains(
        empty.resolve("train-images-idx3-ubyte").toString(),
        "apt-get install dataset-fashion-mnist",
        "set data.directory to a folder holding train-images-idx3-ubyte(.gz) and "
            + "train-labels-idx1-ubyte(.gz)");
  }

  @Test
  void aMissingLabelsFileIsNamedToo() {
    IdxFiles.write(folder.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(3, 2, 2)));

    DataUnavailableException error = catchThrowableOfType(
        () -> DataSources.open(new FashionMnistConfig(DataSplit.TEST, folder.toString()), 1, DataType.FLOAT),
        DataUnavailableException.class);

    assertThat(error.getMessage()).contains(
        folder.resolve("t10k-labels-idx1-ubyte").toString(), "apt-get install dataset-fashion-mnist");
  }

  @Test
  void readsTheSplitItIsAskedForWithOrWithoutGz() {
    IdxFiles.write(folder.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(4, 2, 2)));
    IdxFiles.write(folder.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(0, 1, 2, 3)));
    IdxFiles.write(folder.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(2, 3, 3));
    IdxFiles.write(folder.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(0, 1));

    DataSource train = DataSources.open(new FashionMnistConfig(null, folder.toString()), 1, DataType.FLOAT);
    DataSource test =
        DataSources.open(new FashionMnistConfig(DataSplit.TEST, folder.toString()), 1, DataType.FLOAT);

    assertThat(train.info().name()).isEqualTo("fashion-mnist");
    assertThat(train.info().sampleShape()).containsExactly(1L, 2L, 2L);
    assertThat(train.info().classCount()).isEqualTo(4);
    assertThat(test.info().sampleShape()).containsExactly(1L, 3L, 3L);
    assertThat(test.info().classCount()).isEqualTo(2);
  }

  @Test
  void readsDebiansTrainingSplit() {
    assumeTrue(Files.isDirectory(DEBIAN),
        DEBIAN + " is absent; install Fashion-MNIST with: apt-get install dataset-fashion-mnist");
    DataSource source = DataSources.open(new FashionMnistConfig(null, null), 1, DataType.FLOAT);

    Batch epoch = source.next(60_000);

    assertThat(source.info().sampleShape()).containsExactly(1L, 28L, 28L);
    assertThat(source.info().classCount()).isEqualTo(10);
    assertThat(source.position()).as("one whole epoch").isEqualTo(new DataPosition(1, 0, 0));
    INDArray images = epoch.features();
    assertThat(images.shape()).containsExactly(60_000, 1, 28, 28);
    assertThat(images.minNumber().doubleValue()).isEqualTo(-1.0);
    assertThat(images.maxNumber().doubleValue()).isEqualTo(1.0);
    // Fashion-MNIST's training split has 6,000 images of each class.
    assertThat(epoch.labels().orElseThrow().sum(0).toDoubleVector()).containsOnly(6_000.0);
  }
}
