/**
 * The built-in metrics, each a {@code MetricProvider} registered with {@code @AutoService}: so far
 * {@code mode-coverage} for the Gaussian-mixture benchmarks; FID, KID, Inception Score and
 * precision/recall arrive with the metrics issue.
 */
package dev.ganforge.metrics;
