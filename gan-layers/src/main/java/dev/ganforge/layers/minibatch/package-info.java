/**
 * Layers that let the discriminator compare samples of a batch: minibatch discrimination (Salimans et al.
 * 2016; {@code minibatch-discrimination}) and minibatch standard deviation (ProGAN; {@code minibatch-
 * stddev}), each plugin with its DL4J layer, runtime and maths.
 */
package dev.ganforge.layers.minibatch;
