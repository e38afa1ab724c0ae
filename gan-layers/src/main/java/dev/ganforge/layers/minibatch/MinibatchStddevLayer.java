package dev.ganforge.layers.minibatch;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;

/**
 * Minibatch standard deviation (ProGAN), for discriminators: appends one feature (for images, one
 * channel) holding the mean over features of the standard deviation across a group of samples.
 */
public final class MinibatchStddevLayer implements Layer {
  private final Config config;

  public MinibatchStddevLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new MinibatchStandardDeviation(config.groupSize(), config.epsilon()));
  }

  /** Config of {@code minibatch-stddev}. */
  public record Config(
      @JsonPropertyDescription("Samples per group (consecutive in the batch); a batch it does not divide is "
          + "one group.") Integer groupSize,
      @JsonPropertyDescription("Added to each variance before the square root.") Double epsilon)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("groupSize", groupSize);
      ConfigChecks.positive("epsilon", epsilon);
      groupSize = groupSize == null ? 4 : groupSize;
      epsilon = epsilon == null ? 1e-8 : epsilon;
    }
  }

  /** Registers {@code minibatch-stddev}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "minibatch-stddev";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new MinibatchStddevLayer(config);
    }

    @Override
    public String description() {
      return "Minibatch standard deviation (Karras et al. 2018): appends the group's mean feature standard "
          + "deviation as one more feature or channel.";
    }
  }
}
