/**
 * Sweeps: many runs of one base config, over a search space of config paths and several seeds, ranked by
 * a metric. {@link dev.ganforge.core.sweep.SweepReader} reads and checks a sweep file before anything runs,
 * {@link dev.ganforge.core.sweep.SweepExecutor} (gan-spark provides one) trains and evaluates its
 * (configuration, seed) tasks, and {@link dev.ganforge.core.sweep.SweepReport} writes the tables, the best
 * config and the plots.
 */
package dev.ganforge.core.sweep;
