/**
 * StyleGAN2's style path (Karras et al. 2019, 2020): the {@code mapping-network}, {@code modulated-dense}
 * and {@code modulated-conv2d} plugins, the style source they link to, and the modulated layers' runtime.
 */
package dev.ganforge.layers.style;
