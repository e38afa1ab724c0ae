package dev.ganforge.core.data;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * MNIST (LeCun et al. 1998): 28 x 28 grayscale handwritten digits in 10 classes, 60,000 for training
 * and 10,000 for testing, read from a folder of the four standard idx files, gzip-compressed or not.
 */
final class MnistSource {
  private MnistSource() {}

  static DataSource open(MnistConfig config, long seed, DataType dataType) {
    Path directory = Path.of(config.directory()).toAbsolutePath();
    return IdxSource.openSplit(
        "mnist",
        directory,
        config.split(),
        seed,
        dataType,
        (missing, files) -> "MNIST is missing: " + missing + "(.gz) does not exist. Put " + files + " in "
            + directory + ", or set data.directory to the folder holding them; the files are published at "
            + "http://yann.lecun.com/exdb/mnist/ (mirror: https://ossci-datasets.s3.amazonaws.com/mnist/)");
  }
}
