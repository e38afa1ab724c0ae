package dev.ganforge.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ganforge.api.PluginContext;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.core.plugin.fixture.FixtureLoss;
import dev.ganforge.core.plugin.fixture.Fixtures;
import org.junit.jupiter.api.Test;

final class PluginRegistryTest {
  @Test
  void groupsTypesByKindSortedByName() {
    PluginRegistry registry = Fixtures.registry();

    assertThat(registry.all()).extracting(PluginDescriptor::kind)
        .containsExactly(PluginKind.LAYER, PluginKind.LOSS, PluginKind.SCHEDULE);
    assertThat(registry.configClasses(PluginKind.LOSS)).containsOnlyKeys("fixture-loss");
    assertThat(registry.ofKind(PluginKind.METRIC)).isEmpty();
  }

  @Test
  void typeNamesMustBeKebabCase() {
    PluginLoadException error = catchThrowableOfType(
        () -> PluginRegistry.builder().add(Fixtures.descriptor(PluginKind.LOSS, new Named("NonSaturating")))
            .build(),
        PluginLoadException.class);

    assertThat(error.getMessage()).contains("type name 'NonSaturating'", "is not kebab-case", "fixtures.jar");
  }

  @Test
  void theSameNameMayBeUsedByDifferentKinds() {
    PluginRegistry registry = PluginRegistry.builder()
        .add(Fixtures.descriptor(PluginKind.LOSS, new Named("shared-name")))
        .add(Fixtures.descriptor(PluginKind.LAYER, new dev.ganforge.core.plugin.fixture.FixtureLayer.Provider()))
        .build();

    assertThat(registry.find(PluginKind.LOSS, "shared-name")).isPresent();
  }

  @Test
  void reportsEveryClashAtOnce() {
    PluginLoadException error = catchThrowableOfType(
        () -> PluginRegistry.builder()
            .add(new PluginDescriptor(PluginKind.LOSS, new Named("one"), "a", "/plugins/a.jar"))
            .add(new PluginDescriptor(PluginKind.LOSS, new Named("one"), "b", "/plugins/b.jar"))
            .add(new PluginDescriptor(PluginKind.LOSS, new Named("two"), "a", "/plugins/a.jar"))
            .add(new PluginDescriptor(PluginKind.LOSS, new Named("two"), "c", "/plugins/c.jar"))
            .build(),
        PluginLoadException.class);

    assertThat(error.getMessage()).startsWith("plugin errors:")
        .contains("loss type 'one'", "/plugins/a.jar", "/plugins/b.jar", "loss type 'two'", "/plugins/c.jar");
  }

  /** A loss provider with a chosen type name. */
  private record Named(String type) implements LossProvider<FixtureLoss.Config> {
    @Override
    public Class<FixtureLoss.Config> configClass() {
      return FixtureLoss.Config.class;
    }

    @Override
    public Loss create(FixtureLoss.Config config, PluginContext context) {
      return new FixtureLoss();
    }
  }

  @Test
  void configClassesMustBeRecordsOfTheKind() {
    LossProvider<LossConfig> notARecord = new LossProvider<>() {
      @Override
      public String type() {
        return "odd";
      }

      @Override
      public Class<LossConfig> configClass() {
        return LossConfig.class;
      }

      @Override
      public Loss create(LossConfig config, PluginContext context) {
        return new FixtureLoss();
      }
    };

    PluginLoadException error = catchThrowableOfType(
        () -> PluginRegistry.builder().add(Fixtures.descriptor(PluginKind.LOSS, notARecord)).build(),
        PluginLoadException.class);

    assertThat(error.getMessage()).contains("must return a record implementing LossConfig");
  }
}
