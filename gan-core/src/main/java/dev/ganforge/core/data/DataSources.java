package dev.ganforge.core.data;

import static java.util.Objects.requireNonNull;

import org.nd4j.linalg.api.buffer.DataType;

/** Opens the {@link DataSource} a config names. */
public final class DataSources {
  private DataSources() {}

  /**
   * Opens the data of {@code config}. Finite datasets are read into memory here, so a missing or corrupt
   * file fails now rather than mid-run.
   *
   * @param seed the run's seed; the source derives its own random stream from it
   * @throws DataUnavailableException when files are missing or unreadable, saying how to get them
   */
  public static DataSource open(DataConfig config, long seed, DataType dataType) {
    requireNonNull(config, "config");
    requireNonNull(dataType, "dataType");
    if (config instanceof GaussianRingConfig ring) {
      return new GaussianRingSource(ring, seed, dataType);
    } else if (config instanceof GaussianGridConfig grid) {
      return new GaussianGridSource(grid, seed, dataType);
    } else if (config instanceof IdxConfig idx) {
      return IdxSource.open(idx, seed, dataType);
    } else if (config instanceof FashionMnistConfig fashionMnist) {
      return FashionMnistSource.open(fashionMnist, seed, dataType);
    } else if (config instanceof MnistConfig mnist) {
      return MnistSource.open(mnist, seed, dataType);
    } else if (config instanceof ImageFolderConfig imageFolder) {
      return ImageFolderSource.open(imageFolder, seed, dataType);
    }
    throw new IllegalArgumentException("no data source for " + config.getClass().getName());
  }
}
