package dev.ganforge.core.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which part of a dataset with a train/test split to read. */
public enum DataSplit {
  @JsonProperty("train")
  TRAIN,
  @JsonProperty("test")
  TEST
}
