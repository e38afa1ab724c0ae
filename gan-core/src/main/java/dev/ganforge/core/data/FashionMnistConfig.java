package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.nd4j.linalg.api.buffer.DataType;

/** Fashion-MNIST as installed by Debian's {@code dataset-fashion-mnist} package. */
public record FashionMnistConfig(
    @JsonPropertyDescription("train (60,000 images) or test (10,000).") DataSplit split,
    @JsonPropertyDescription("Folder holding the idx files.") String directory)
    implements DataConfig {

  public FashionMnistConfig {
    split = split == null ? DataSplit.TRAIN : split;
    directory = directory == null ? "/usr/share/datasets/fashion-mnist" : directory;
  }

  /** The other split: test for a run on train, train for a run on test. */
  @Override
  public java.util.Optional<DataConfig> heldOut() {
    DataSplit other = split == DataSplit.TRAIN ? DataSplit.TEST : DataSplit.TRAIN;
    return java.util.Optional.of(new FashionMnistConfig(other, directory));
  }

  @Override
  public DataSource open(long seed, DataType dataType) {
    return FashionMnistSource.open(this, seed, dataType);
  }
}
