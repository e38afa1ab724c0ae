package dev.ganforge.core.data;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 28 x 28 grayscale images of clothing in 10 classes,
 * 60,000 for training and 10,000 for testing, read as idx files from a folder. Debian's
 * {@code dataset-fashion-mnist} package installs them, gzip-compressed, in
 * {@code /usr/share/datasets/fashion-mnist}, the default folder.
 */
final class FashionMnistSource {
  private FashionMnistSource() {}

  static DataSource open(FashionMnistConfig config, long seed, DataType dataType) {
    return IdxSource.openSplit(
        "fashion-mnist",
        Path.of(config.directory()),
        config.split(),
        seed,
        dataType,
        (missing, files) -> "Fashion-MNIST is missing: " + missing + "(.gz) does not exist. Install it "
            + "with: apt-get install dataset-fashion-mnist (Debian), or set data.directory to a folder "
            + "holding " + files + " from https://github.com/zalandoresearch/fashion-mnist");
  }
}
