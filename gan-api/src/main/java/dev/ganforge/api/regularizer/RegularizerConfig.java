package dev.ganforge.api.regularizer;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ganforge.api.PluginConfig;
import dev.ganforge.api.PublicApi;

/**
 * The config of one entry in a run's {@code regularizers} list, e.g. {@code {type: r1, gamma: 10,
 * every: 16}}.
 */
@PublicApi
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface RegularizerConfig extends PluginConfig {

  /**
   * Lazy regularization (Karras et al. 2020): the engine applies {@link Regularizer#penalty} only every
   * {@code every} steps and multiplies the penalty by {@code every}, which keeps its expected strength,
   * and corrects the network's optimizer as StyleGAN2 does (learning rate times {@code k/(k+1)}, Adam's
   * betas to that power).
   * Records that support it declare an {@code Integer every} component; the default is every step.
   */
  default Integer every() {
    return 1;
  }
}
