/**
 * The built-in layers. A stock layer (dense, convolutions, batch norm, activation, reshape, flatten,
 * upsample, dropout) is one class here named after it, holding its config record and its
 * {@code @AutoService} provider, mapped onto DL4J's own layer. A GAN technique that needs its own DL4J
 * layer has a package of its own holding everything it is made of: the plugin class
 * ({@code <Name>Layer}, with config and provider), the DL4J layer configuration, the runtime layer
 * ({@code <Name>Runtime}) and its maths.
 */
package dev.ganforge.layers;
