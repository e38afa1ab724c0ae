package dev.ganforge.api;

/**
 * The configuration of one plugin instance, as written under its kind in a YAML or JSON config.
 *
 * <p>Implementations are immutable {@code record}s. The conventions the config mapper relies on:
 * <ul>
 *   <li>The {@code type} key selects the provider; it is not a record component.</li>
 *   <li>Every optional component has a boxed type and the compact constructor replaces {@code null} with
 *       its default, so {@code new MyConfig(null, null, ...)} holds every default. {@code gan plugins}
 *       shows defaults this way and the resolved {@code config.yaml} of a run lists them.</li>
 *   <li>Required components carry {@code @JsonProperty(required = true)}; the compact constructor leaves
 *       them {@code null} when absent (the mapper reports them, naming the path).</li>
 *   <li>Range checks use {@link ConfigChecks}, so errors name the field and the value.</li>
 *   <li>{@code @JsonPropertyDescription} on a component documents it in {@code gan plugins}.</li>
 * </ul>
 */
@PublicApi
public interface PluginConfig {}
