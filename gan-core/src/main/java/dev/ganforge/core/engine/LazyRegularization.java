package dev.ganforge.core.engine;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.regularizer.Regularizer;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.config.NetworkConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * StyleGAN2's optimizer correction for lazy regularization (Karras et al. 2020, the authors' training
 * loop): a network whose regularizer runs every {@code k > 1} steps, with its penalty weighted by k,
 * trains with its learning rate times {@code k / (k + 1)} and Adam's betas raised to that power, because
 * k + 1 updates (k plain, one regularized) now span what k used to. The run's own config keeps the
 * rates as written; the networks' optimizers, and the rate learning-rate schedules scale, are corrected.
 */
final class LazyRegularization {
  private LazyRegularization() {}

  /**
   * {@code config} with each lazily regularized network's optimizer corrected.
   *
   * @throws ModelException when one network has lazy regularizers of different intervals
   */
  static GanConfig corrected(GanConfig config, PluginRegistry registry, RunContext context) {
    Map<NetworkRole, Integer> intervals = new EnumMap<>(NetworkRole.class);
    for (RegularizerConfig regularizerConfig : config.regularizers()) {
      int every = regularizerConfig.every();
      if (every <= 1) {
        continue;
      }
      Regularizer regularizer = registry.create(PluginKind.REGULARIZER, regularizerConfig, context);
      Integer earlier = intervals.putIfAbsent(regularizer.network(), every);
      if (earlier != null && earlier != every) {
        throw new ModelException("regularizers: the "
            + regularizer.network().name().toLowerCase(java.util.Locale.ROOT)
            + " has lazy regularizers every " + earlier + " and every " + every + " steps; StyleGAN2's "
            + "optimizer correction assumes one interval, so give them the same every");
      }
    }
    if (intervals.isEmpty()) {
      return config;
    }
    return config.withNetworks(corrected(config.generator(), intervals.get(NetworkRole.GENERATOR)),
        corrected(config.discriminator(), intervals.get(NetworkRole.DISCRIMINATOR)));
  }

  private static NetworkConfig corrected(NetworkConfig network, Integer every) {
    return every == null ? network
        : network.withOptimizer(network.optimizer().forLazyRegularization(every / (every + 1.0)));
  }
}
