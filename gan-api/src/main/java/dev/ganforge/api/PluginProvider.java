package dev.ganforge.api;

/**
 * The service-provider interface shared by the five plugin kinds. A plugin jar registers one provider per
 * type with {@code @AutoService(LossProvider.class)} (or the kind's provider interface); GANForge finds it
 * with {@link java.util.ServiceLoader}, maps configs whose {@code type} equals {@link #type()} onto
 * {@link #configClass()}, and calls {@link #create} when it assembles a run.
 *
 * <p>Providers must have a public no-argument constructor and be stateless: one provider instance creates
 * every instance of its type.
 *
 * @param <C> the config record this type reads
 * @param <T> what it creates
 */
@PublicApi
public interface PluginProvider<C extends PluginConfig, T> {

  /**
   * The type name written in configs, in kebab-case ({@code non-saturating}, {@code spectral-conv2d}).
   * Unique per kind across every loaded plugin; it is part of users' configs, so never rename it.
   */
  String type();

  /** The config record for this type. */
  Class<C> configClass();

  /**
   * Creates one instance from a validated config.
   *
   * @throws InvalidConfigException when the config is inconsistent with the context (for example a
   *     layer that cannot follow the previous one)
   */
  T create(C config, PluginContext context);

  /** One or two sentences for {@code gan plugins}: what it is, its paper, when to use it. */
  default String description() {
    return "";
  }
}
