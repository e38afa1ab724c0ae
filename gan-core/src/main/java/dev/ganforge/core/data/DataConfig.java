package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

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
        ImageFolderConfig {}
