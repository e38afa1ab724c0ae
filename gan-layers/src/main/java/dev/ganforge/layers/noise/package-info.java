/**
 * Per-pixel noise injection (StyleGAN): the {@code noise-injection} plugin, its DL4J layer configuration
 * and runtime layer.
 */
package dev.ganforge.layers.noise;
