/**
 * Spectral normalization (Miyato et al. 2018): the {@code spectral-dense}, {@code spectral-conv2d} and
 * {@code spectral-deconv2d} plugins, their DL4J layers, and the power iteration and weight conversion they
 * share.
 */
package dev.ganforge.layers.spectral;
