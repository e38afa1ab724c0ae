/**
 * The GANForge plugin API: what third-party authors compile against (declare it {@code provided}).
 *
 * <p>There are five plugin kinds, each in its own package with the same three parts: a config base type
 * (a Jackson-polymorphic interface resolved by the {@code type} key), a provider SPI extending
 * {@link dev.ganforge.api.PluginProvider}, and the runtime interface the provider creates:
 * <ul>
 *   <li>{@link dev.ganforge.api.layer}: building blocks of the generator and discriminator;</li>
 *   <li>{@link dev.ganforge.api.loss}: adversarial losses on real and fake scores;</li>
 *   <li>{@link dev.ganforge.api.regularizer}: penalties, constraints and input transforms;</li>
 *   <li>{@link dev.ganforge.api.metric}: sample-quality metrics and diagnostics;</li>
 *   <li>{@link dev.ganforge.api.schedule}: how many updates of each network run per iteration.</li>
 * </ul>
 * This package holds what the kinds share: the provider SPI, the context a provider receives, the run's
 * random source, and the stability markers {@link dev.ganforge.api.PublicApi} and
 * {@link dev.ganforge.api.Experimental}.
 */
@PublicApi
package dev.ganforge.api;
