package dev.ganforge.api.listener;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ganforge.api.PluginConfig;
import dev.ganforge.api.PublicApi;

/** The config of one entry of {@code listeners:}, e.g. {@code {type: csv-losses, file: losses.csv}}. */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface ListenerConfig extends PluginConfig {}
