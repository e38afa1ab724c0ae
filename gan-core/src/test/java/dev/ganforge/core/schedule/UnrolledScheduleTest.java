package dev.ganforge.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.core.testing.RecordingIteration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

final class UnrolledScheduleTest {
  @Test
  void isDiscoveredAsABuiltInSchedule() {
    PluginContracts.assertDiscovered(PluginKind.SCHEDULE, "unrolled", UnrolledSchedule.Provider.class);
  }

  @Test
  void configRoundTripsWithDefaults() {
    PluginContracts.assertRoundTrip(ScheduleConfig.class, "{type: unrolled}", new UnrolledSchedule.Config(5, 1, false));
  }

  @Test
  void takesTheGeneratorStepThroughTheUnrolledUpdates() {
    TrainingSchedule schedule = new UnrolledSchedule.Provider()
        .create(new UnrolledSchedule.Config(3, 2, false), PluginContracts.context(DataType.FLOAT));
    RecordingIteration iteration = new RecordingIteration(7, 100);

    schedule.iterate(iteration);

    assertThat(iteration.calls()).containsExactly("D", "D", "G through 3 D updates");
  }

  @Test
  void firstOrderTakesTheGeneratorStepAtALookAheadDiscriminatorAndThenRestoresIt() {
    TrainingSchedule schedule = new UnrolledSchedule.Provider()
        .create(new UnrolledSchedule.Config(3, 2, true), PluginContracts.context(DataType.FLOAT));
    RecordingIteration iteration = new RecordingIteration(7, 100);

    schedule.iterate(iteration);

    assertThat(iteration.calls()).containsExactly("D", "D", "snapshot D",
        "look-ahead D", "look-ahead D", "look-ahead D", "G", "restore D");
  }
}
