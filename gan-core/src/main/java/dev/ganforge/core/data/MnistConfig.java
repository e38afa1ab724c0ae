package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.nd4j.linalg.api.buffer.DataType;

/** MNIST digits from a folder of the four standard idx files. */
public record MnistConfig(
    @JsonPropertyDescription("train (60,000 images) or test (10,000).") DataSplit split,
    @JsonProperty(required = true) @JsonPropertyDescription("Folder holding the idx files.") String directory)
    implements DataConfig {

  public MnistConfig {
    split = split == null ? DataSplit.TRAIN : split;
  }

  /** The other split: test for a run on train, train for a run on test. */
  @Override
  public java.util.Optional<DataConfig> heldOut() {
    DataSplit other = split == DataSplit.TRAIN ? DataSplit.TEST : DataSplit.TRAIN;
    return java.util.Optional.of(new MnistConfig(other, directory));
  }

  @Override
  public DataSource open(long seed, DataType dataType) {
    return MnistSource.open(this, seed, dataType);
  }
}
