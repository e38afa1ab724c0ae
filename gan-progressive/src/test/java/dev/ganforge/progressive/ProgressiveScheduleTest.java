package dev.ganforge.progressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ProgressiveScheduleTest {
  @Test
  void isDiscovered() {
    PluginContracts.assertDiscovered(PluginKind.SCHEDULE, "progressive", ProgressiveSchedule.Provider.class);
  }

  @Test
  void configRoundTripsWithDefaults() {
    PluginContracts.assertRoundTrip(ScheduleConfig.class, "{type: progressive}",
        new ProgressiveSchedule.Config(null, 30_000L, 30_000L, 1, Map.of()));
    PluginContracts.assertRoundTrip(ScheduleConfig.class,
        "{type: progressive, startResolution: 7, stabilizeImages: 600000, fadeImages: 0, batchSizes: {7: 64}}",
        new ProgressiveSchedule.Config(7, 600_000L, 0L, 1, Map.of(7, 64)));
  }

  @Test
  void levelsHalveTheDataResolutionDownToTheStart() {
    ProgressiveSchedule.Config defaults = new ProgressiveSchedule.Config(null, null, null, null, null);
    assertThat(defaults.resolutions(28)).containsExactly(7, 14, 28);
    assertThat(defaults.resolutions(32)).containsExactly(4, 8, 16, 32);
    assertThat(new ProgressiveSchedule.Config(8, null, null, null, null).resolutions(32)).containsExactly(8, 16, 32);
  }

  @Test
  void aStartThatIsNotTheResolutionHalvedIsRefusedWithTheOneThatWorks() {
    assertThatThrownBy(() -> new ProgressiveSchedule.Config(5, null, null, null, null).resolutions(28))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("28 halved one or more times, got 5")
        .hasMessageContaining("try 7");
    assertThatThrownBy(() -> new ProgressiveSchedule.Config(null, null, null, null, Map.of(8, 16)).resolutions(28))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("resolution 8, which is not a level; the levels are [7, 14, 28]");
    assertThatThrownBy(() -> new ProgressiveSchedule.Config(null, 0L, 0L, null, null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("stabilizeImages and fadeImages are both 0");
  }
}
