package dev.ganforge.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.core.optimizer.AdamConfig;
import dev.ganforge.core.plugin.fixture.FixtureLayer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ConfigSchemaTest {
  @Test
  void readsKeysDescriptionsAndDefaultsFromTheRecord() {
    List<ConfigSchema.Field> fields = ConfigSchema.fields(AdamConfig.class);

    assertThat(fields).extracting(ConfigSchema.Field::name)
        .containsExactly("learningRate", "beta1", "beta2", "epsilon");
    assertThat(fields.get(0).defaultValue()).contains(2e-4);
    assertThat(fields.get(0).description()).isEqualTo("Step size.");
    assertThat(fields).noneMatch(ConfigSchema.Field::required);
  }

  @Test
  void requiredKeysHaveNoDefault() {
    List<ConfigSchema.Field> fields = ConfigSchema.fields(FixtureLayer.Config.class);

    assertThat(fields.get(0).required()).isTrue();
    assertThat(fields.get(0).defaultValue()).isEmpty();
    assertThat(fields.get(1).defaultValue()).isEqualTo(Optional.of(true));
  }

  @Test
  void describesTypesInWordsUsersKnow() {
    List<ConfigSchema.Field> fields = ConfigSchema.fields(GanConfig.class);

    assertThat(fields).extracting(field -> ConfigSchema.describe(field.type())).containsExactly(
        "whole number", "data", "mapping", "mapping", "mapping", "loss", "list of regularizer",
        "schedule", "list of metric", "mapping", "mapping", "list of listener");
  }
}
