/** Data source configs: synthetic Gaussian mixtures and image datasets. */
package dev.ganforge.core.data;
