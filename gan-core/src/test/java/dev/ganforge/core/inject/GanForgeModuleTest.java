package dev.ganforge.core.inject;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.ganforge.api.PluginProvider;
import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.plugin.fixture.FixtureLoss;
import dev.ganforge.core.plugin.fixture.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class GanForgeModuleTest {
  private final PluginRegistry registry = Fixtures.registry();
  private final Injector injector = Guice.createInjector(new GanForgeModule(registry));

  @Test
  void bindsEachKindsProvidersByTypeName() {
    Map<String, LossProvider<?>> losses = injector.getInstance(Key.get(new TypeLiteral<>() {}));

    assertThat(losses).containsOnlyKeys("fixture-loss");
    assertThat(losses.get("fixture-loss")).isInstanceOf(FixtureLoss.Provider.class);
  }

  @Test
  void guiceBindingsAndConfigTypeNamesComeFromTheSameRegistry() {
    ConfigMapper mapper = injector.getInstance(ConfigMapper.class);

    assertThat(mapper.registry()).isSameAs(registry);
    for (PluginKind kind : PluginKind.values()) {
      Map<String, PluginProvider<?, ?>> bound = injector.getInstance(
          Key.get((TypeLiteral<Map<String, PluginProvider<?, ?>>>) TypeLiteral.get(
              com.google.inject.util.Types.mapOf(String.class, GanForgeModule.providerType(kind).getType()))));
      assertThat(bound.keySet()).as(kind.displayName()).isEqualTo(registry.configClasses(kind).keySet());
    }
  }
}
