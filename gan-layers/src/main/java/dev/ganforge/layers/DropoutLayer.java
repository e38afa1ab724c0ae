package dev.ganforge.layers;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import org.deeplearning4j.nn.conf.dropout.Dropout;

/**
 * Dropout (Srivastava et al. 2014), inverted: in training each unit is zeroed with probability
 * {@code rate} and the kept ones are scaled by {@code 1 / (1 - rate)}, so inference is the identity:
 * DL4J's {@code DropoutLayer}. Used in MLP discriminators (Goodfellow et al. 2014) to slow D down; every
 * training forward pass draws a new mask.
 */
public final class DropoutLayer implements Layer {
  private final Config config;

  public DropoutLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    // DL4J's Dropout takes the probability of RETAINING a unit, the complement of our rate.
    network.append(
        new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(new Dropout(1 - config.rate())).build());
  }

  /** Config of {@code dropout}. */
  public record Config(
      @JsonPropertyDescription("Probability of dropping (zeroing) each unit in training; at least 0, below 1.")
          Double rate)
      implements LayerConfig {
    public Config {
      if (rate != null && !(rate >= 0 && rate < 1)) {
        throw new InvalidConfigException("rate", "must be at least 0 and below 1 (the probability of "
            + "dropping a unit), got " + rate);
      }
      rate = rate == null ? 0.5 : rate;
    }
  }

  /** Registers {@code dropout}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "dropout";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new DropoutLayer(config);
    }

    @Override
    public String description() {
      return "Inverted dropout (Srivastava et al. 2014): drops each unit with probability rate in training, "
          + "identity at inference.";
    }
  }
}
