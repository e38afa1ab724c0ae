/**
 * Equalized learning rate (ProGAN, Karras et al. 2018): the {@code equalized-dense} and {@code equalized-
 * conv2d} plugins, their DL4J layers, and the runtime weight scaling they share.
 */
package dev.ganforge.layers.equalized;
