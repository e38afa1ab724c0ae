package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;

/**
 * The training data, e.g. {@code {type: fashion-mnist}} or {@code {type: gaussian-grid}}. Data sources
 * are part of core (not a plugin kind): their names are declared here.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = GaussianRingConfig.class, name = "gaussian-ring"),
  @JsonSubTypes.Type(value = GaussianGridConfig.class, name = "gaussian-grid"),
  @JsonSubTypes.Type(value = IdxConfig.class, name = "idx"),
  @JsonSubTypes.Type(value = FashionMnistConfig.class, name = "fashion-mnist"),
  @JsonSubTypes.Type(value = MnistConfig.class, name = "mnist"),
  @JsonSubTypes.Type(value = ImageFolderConfig.class, name = "image-folder")
})
public sealed interface DataConfig
    permits GaussianRingConfig,
        GaussianGridConfig,
        IdxConfig,
        FashionMnistConfig,
        MnistConfig,
        ImageFolderConfig {

  /**
   * The same data's other split, for measurements against real samples the generator never trained on
   * (the real-vs-real floor of FID and KID); empty when the data has no split.
   */
  default Optional<DataConfig> heldOut() {
    return Optional.empty();
  }
}
