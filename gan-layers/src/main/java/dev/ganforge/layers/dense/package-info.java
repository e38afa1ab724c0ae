/**
 * The DL4J layer behind {@code dense} and the dense layers that extend it (spectral, equalized): DL4J's
 * dense layer with a matrix product that writes its row-major output directly (see {@link
 * dev.ganforge.layers.dense.DenseRuntime}).
 */
package dev.ganforge.layers.dense;
