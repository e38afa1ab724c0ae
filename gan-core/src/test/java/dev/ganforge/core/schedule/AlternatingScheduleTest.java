package dev.ganforge.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.core.testing.RecordingIteration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

final class AlternatingScheduleTest {
  @Test
  void isDiscoveredAsABuiltInSchedule() {
    PluginContracts.assertDiscovered(PluginKind.SCHEDULE, "alternating", AlternatingSchedule.Provider.class);
  }

  @Test
  void configRoundTripsWithDefaults() {
    PluginContracts.assertRoundTrip(ScheduleConfig.class, "{type: alternating}", new AlternatingScheduleConfig(1, 1));
    PluginContracts.assertRoundTrip(
        ScheduleConfig.class, "{type: alternating, discriminatorSteps: 5}", new AlternatingScheduleConfig(5, 1));
  }

  @Test
  void runsNCriticStepsThenTheGeneratorStepsEveryIteration() {
    TrainingSchedule schedule = new AlternatingSchedule.Provider()
        .create(new AlternatingScheduleConfig(5, 2), PluginContracts.context(DataType.FLOAT));

    for (long step : new long[] {0, 1, 999_999}) {
      RecordingIteration iteration = new RecordingIteration(step, 1_000_000);
      schedule.iterate(iteration);
      assertThat(iteration.calls()).containsExactly("D", "D", "D", "D", "D", "G", "G");
    }
  }
}
