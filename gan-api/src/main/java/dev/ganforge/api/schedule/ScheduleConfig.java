package dev.ganforge.api.schedule;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ganforge.api.PluginConfig;
import dev.ganforge.api.PublicApi;

/** The config of a run's {@code schedule}, e.g. {@code {type: alternating, discriminatorSteps: 5}}. */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface ScheduleConfig extends PluginConfig {}
