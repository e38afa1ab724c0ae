package dev.ganforge.core.inject;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import dev.ganforge.api.PluginProvider;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.plugin.PluginDescriptor;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;

/**
 * Wires a run from one {@link PluginRegistry}: a {@link MapBinder} per kind (type name to provider, e.g.
 * {@code Map<String, LossProvider<?>>}) and the {@link ConfigMapper} whose Jackson type names come from
 * the same registry.
 */
public final class GanForgeModule extends AbstractModule {
  private final PluginRegistry registry;

  public GanForgeModule(PluginRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  @Override
  protected void configure() {
    bind(PluginRegistry.class).toInstance(registry);
    for (PluginKind kind : PluginKind.values()) {
      MapBinder<String, PluginProvider<?, ?>> providers =
          MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), providerType(kind));
      for (PluginDescriptor descriptor : registry.ofKind(kind)) {
        providers.addBinding(descriptor.type()).toInstance(descriptor.provider());
      }
    }
  }

  /** {@code LossProvider<?>} for {@link PluginKind#LOSS}, and so on. */
  @SuppressWarnings("unchecked")
  public static TypeLiteral<PluginProvider<?, ?>> providerType(PluginKind kind) {
    return (TypeLiteral<PluginProvider<?, ?>>)
        TypeLiteral.get(Types.newParameterizedType(kind.providerInterface(), Types.subtypeOf(Object.class)));
  }

  @Provides
  @Singleton
  ConfigMapper configMapper(PluginRegistry registry) {
    return new ConfigMapper(registry);
  }
}
