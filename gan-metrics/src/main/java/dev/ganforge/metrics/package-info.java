/**
 * The built-in metrics (FID, KID, Inception Score, precision/recall, mode coverage, training
 * diagnostics). None is implemented yet: they arrive with the metrics issue, as {@code MetricProvider}s
 * registered with {@code @AutoService}.
 */
package dev.ganforge.metrics;
