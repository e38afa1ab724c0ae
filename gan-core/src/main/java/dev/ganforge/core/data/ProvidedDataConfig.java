package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Data a Java program supplied as a {@link DataSource} of its own ({@code GanBuilder.data(source)}):
 * the run's {@code config.yaml} records its name, and the program hands the same source again to resume
 * or sample the run. Nothing else can open it.
 */
public record ProvidedDataConfig(
    @JsonProperty(required = true) @JsonPropertyDescription("The data source's name (its DatasetInfo name).")
        String name) implements DataConfig {

  @Override
  public DataSource open(long seed, DataType dataType) {
    throw new DataUnavailableException("the data '" + name + "' of this run was supplied in Java as a DataSource; "
        + "open the run from Java with GanBuilder.data(source) and the same source");
  }
}
