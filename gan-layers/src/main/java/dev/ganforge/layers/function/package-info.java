/**
 * Parameter-free layers with a hand-written backward pass ({@link
 * dev.ganforge.layers.function.FunctionLayer}): the mechanism behind pixel norm ({@code normalization})
 * and minibatch stddev ({@code minibatch}).
 */
package dev.ganforge.layers.function;
