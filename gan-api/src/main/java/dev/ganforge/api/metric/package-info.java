/**
 * Metric plugins: measurements of the generator, such as FID, KID, Inception Score, precision/recall and
 * mode coverage. A {@link dev.ganforge.api.metric.Metric} samples the generator and reads real data
 * through its {@link dev.ganforge.api.metric.MetricContext}.
 */
@PublicApi
package dev.ganforge.api.metric;

import dev.ganforge.api.PublicApi;
