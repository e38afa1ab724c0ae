/**
 * Self-attention (SAGAN, Zhang et al. 2019): the {@code self-attention} plugin ({@link
 * dev.ganforge.layers.attention.SelfAttentionLayer}), its DL4J layer configuration ({@link
 * dev.ganforge.layers.attention.SelfAttention}) and the runtime layer with its forward and backward
 * passes.
 */
package dev.ganforge.layers.attention;
