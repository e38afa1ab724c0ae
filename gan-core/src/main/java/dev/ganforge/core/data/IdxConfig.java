package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.nd4j.linalg.api.buffer.DataType;

/** Images (and optionally labels) from idx files, gzip-compressed or not. */
public record IdxConfig(
    @JsonProperty(required = true) @JsonPropertyDescription("Path of the images idx file.") String images,
    @JsonPropertyDescription("Path of the labels idx file, for conditional models.") String labels)
    implements DataConfig {
  @Override
  public DataSource open(long seed, DataType dataType) {
    return IdxSource.open(this, seed, dataType);
  }
}
