/**
 * Normalizations beyond DL4J's batch norm: virtual batch norm (Salimans et al. 2016; {@code virtual-batch-
 * norm}) and pixel norm (ProGAN; {@code pixel-norm}), each plugin with its DL4J layer and runtime.
 */
package dev.ganforge.layers.normalization;
