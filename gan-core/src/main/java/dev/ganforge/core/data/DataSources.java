package dev.ganforge.core.data;

import static java.util.Objects.requireNonNull;

import org.nd4j.linalg.api.buffer.DataType;

/** Opens the {@link DataSource} a config names. */
public final class DataSources {
  private DataSources() {}

  /**
   * Opens the data of {@code config} ({@link DataConfig#open}).
   *
   * @param seed the run's seed; the source derives its own random stream from it
   * @throws DataUnavailableException when files are missing or unreadable, saying how to get them
   */
  public static DataSource open(DataConfig config, long seed, DataType dataType) {
    return requireNonNull(config, "config").open(seed, requireNonNull(dataType, "dataType"));
  }
}
