package dev.ganforge.api.layer;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ganforge.api.PluginConfig;
import dev.ganforge.api.PublicApi;

/**
 * The config of one entry in a network's {@code layers} list, e.g. {@code {type: dense, units: 256}}.
 * The {@code type} key selects the {@link LayerProvider}.
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface LayerConfig extends PluginConfig {}
