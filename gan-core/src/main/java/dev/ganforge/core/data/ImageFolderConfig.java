package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.InvalidConfigException;
import org.nd4j.linalg.api.buffer.DataType;

/** PNG and JPEG images from a folder, resized to a square and held in memory. */
public record ImageFolderConfig(
    @JsonProperty(required = true) @JsonPropertyDescription("Folder holding the images (.png, .jpg, .jpeg).")
        String path,
    @JsonPropertyDescription("Images are resized (stretched) to size x size pixels.") Integer size,
    @JsonPropertyDescription("1 reads the images as grayscale, 3 as RGB.") Integer channels,
    @JsonPropertyDescription("Whether images in subfolders are read too.") Boolean recursive)
    implements DataConfig {

  public ImageFolderConfig {
    ConfigChecks.positive("size", size);
    if (channels != null && channels != 1 && channels != 3) {
      throw new InvalidConfigException("channels", "must be 1 (grayscale) or 3 (RGB), got " + channels);
    }
    size = size == null ? 64 : size;
    channels = channels == null ? 1 : channels;
    recursive = recursive == null ? Boolean.TRUE : recursive;
  }

  @Override
  public DataSource open(long seed, DataType dataType) {
    return ImageFolderSource.open(this, seed, dataType);
  }
}
