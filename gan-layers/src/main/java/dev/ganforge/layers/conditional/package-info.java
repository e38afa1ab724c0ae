/**
 * Class conditioning: the {@code label-embedding} plugin ({@link
 * dev.ganforge.layers.conditional.LabelEmbeddingLayer}), its DL4J layer configuration ({@link
 * dev.ganforge.layers.conditional.LabelEmbedding}), the runtime layer, and how the embedding meets the
 * input ({@link dev.ganforge.layers.conditional.LabelCombination}).
 */
package dev.ganforge.layers.conditional;
