package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The training data, e.g. {@code {type: fashion-mnist}} or {@code {type: gaussian-grid}}: a config record
 * that opens its {@link DataSource}. The built-in types are named here; data of your own comes from a
 * {@link DataSource} you implement and hand to {@code GanBuilder.data(DataSource)}, which records it as
 * {@link ProvidedDataConfig}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = GaussianRingConfig.class, name = "gaussian-ring"),
  @JsonSubTypes.Type(value = GaussianGridConfig.class, name = "gaussian-grid"),
  @JsonSubTypes.Type(value = IdxConfig.class, name = "idx"),
  @JsonSubTypes.Type(value = FashionMnistConfig.class, name = "fashion-mnist"),
  @JsonSubTypes.Type(value = MnistConfig.class, name = "mnist"),
  @JsonSubTypes.Type(value = ImageFolderConfig.class, name = "image-folder"),
  @JsonSubTypes.Type(value = ProvidedDataConfig.class, name = "provided")
})
public interface DataConfig {

  /**
   * Opens the data. Finite datasets are read into memory here, so a missing or corrupt file fails now
   * rather than mid-run.
   *
   * @param seed the run's seed; the source derives its own random stream from it
   * @throws DataUnavailableException when files are missing or unreadable, saying how to get them
   */
  DataSource open(long seed, DataType dataType);

  /**
   * The same data's other split, for measurements against real samples the generator never trained on
   * (the real-vs-real floor of FID and KID); empty when the data has no split.
   */
  default Optional<DataConfig> heldOut() {
    return Optional.empty();
  }
}
