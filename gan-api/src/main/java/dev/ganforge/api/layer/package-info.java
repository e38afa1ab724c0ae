/**
 * Layer plugins: the building blocks of generators and discriminators.
 *
 * <p>A network's config is a list of {@link dev.ganforge.api.layer.LayerConfig}s. When a run starts, each
 * entry's {@link dev.ganforge.api.layer.LayerProvider} creates a {@link dev.ganforge.api.layer.Layer},
 * which appends DL4J layer configurations to a {@link dev.ganforge.api.layer.NetworkAssembly}. Stock
 * layers map onto DL4J's own; the built-in GAN layers subclass DL4J's layers to reparameterise their
 * weights (spectral normalization, equalized learning rate) or are custom DL4J layers with a
 * hand-written backward pass checked against finite differences. DL4J 1.0.0-M2.1's SameDiff layers
 * return doubled gradients ({@code docs/dl4j-findings.md}); test any SameDiff layer the same way.
 */
@PublicApi
package dev.ganforge.api.layer;

import dev.ganforge.api.PublicApi;
