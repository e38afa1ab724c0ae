package dev.ganforge.core.schedule;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.schedule.ScheduleConfig;

/** Config of the {@code alternating} schedule. */
public record AlternatingScheduleConfig(
    @JsonPropertyDescription("Discriminator updates per iteration (n-critic; WGAN uses 5).")
        Integer discriminatorSteps,
    @JsonPropertyDescription("Generator updates per iteration.") Integer generatorSteps)
    implements ScheduleConfig {

  public AlternatingScheduleConfig {
    ConfigChecks.positive("discriminatorSteps", discriminatorSteps);
    ConfigChecks.positive("generatorSteps", generatorSteps);
    discriminatorSteps = discriminatorSteps == null ? 1 : discriminatorSteps;
    generatorSteps = generatorSteps == null ? 1 : generatorSteps;
  }
}
