/**
 * Layer plugins: the building blocks of generators and discriminators.
 *
 * <p>A network's config is a list of {@link dev.ganforge.api.layer.LayerConfig}s. When a run starts, each
 * entry's {@link dev.ganforge.api.layer.LayerProvider} creates a {@link dev.ganforge.api.layer.Layer},
 * which appends DL4J layer configurations to a {@link dev.ganforge.api.layer.NetworkAssembly}. Stock
 * layers map onto DL4J's own; GAN-specific ones (spectral normalization, equalized learning rate,
 * modulated convolution) are SameDiff layers, which give backpropagation for free.
 */
@PublicApi
package dev.ganforge.api.layer;

import dev.ganforge.api.PublicApi;
