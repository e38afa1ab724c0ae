package dev.ganforge.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

final class MnistSourceTest {
  @TempDir
  Path folder;

  @Test
  void aMissingFileSaysWhereToPutTheFiles() {
    DataUnavailableException error = catchThrowableOfType(
        () -> DataSources.open(new MnistConfig(DataSplit.TEST, folder.toString()), 1, DataType.FLOAT),
        DataUnavailableException.class);

    assertThat(error.getMessage()).contains(
        folder.resolve("t10k-images-idx3-ubyte").toString(),
        "Put t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz) in " + folder,
        "data.directory",
        "http://yann.lecun.com/exdb/mnist/");
  }

  @Test
  void readsTheStandardFilesWithOrWithoutGz() {
    IdxFiles.write(folder.resolve("train-images-idx3-ubyte"), IdxFiles.images(3, 28, 28));
    IdxFiles.write(folder.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(7, 0, 9)));

    DataSource source = DataSources.open(new MnistConfig(null, folder.toString()), 1, DataType.FLOAT);

    assertThat(source.info().name()).isEqualTo("mnist");
    assertThat(source.info().sampleShape()).containsExactly(1L, 28L, 28L);
    assertThat(source.info().classCount()).isEqualTo(10);
    assertThat(source.next(3).labels().orElseThrow().shape()).containsExactly(3, 10);
  }

  @Test
  void aCorruptFileIsNamedNotDumpedAsAStackTrace() {
    IdxFiles.write(folder.resolve("train-images-idx3-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 8});
    IdxFiles.write(folder.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(1));

    DataUnavailableException error = catchThrowableOfType(
        () -> DataSources.open(new MnistConfig(null, folder.toString()), 1, DataType.FLOAT),
        DataUnavailableException.class);

    assertThat(error.getMessage())
        .startsWith("idx file " + folder.resolve("train-images-idx3-ubyte.gz"))
        .contains("is corrupt");
  }
}
