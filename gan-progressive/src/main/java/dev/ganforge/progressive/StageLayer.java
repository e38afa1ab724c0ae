package dev.ganforge.progressive;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;

/**
 * The {@code stage} layer: in a stacked generator, ends one stage's layers and starts the next, which
 * refines the image made so far ({@link StageInput}). The {@code stacked} schedule trains the stages
 * one after the other.
 */
public final class StageLayer implements Layer {
  private final Config config;

  StageLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    if (network.role() != NetworkRole.GENERATOR) {
      throw new InvalidConfigException("type", "a stage layer separates the stages of a stacked generator; "
          + "it has no place in the " + network.role().name().toLowerCase(java.util.Locale.ROOT));
    }
    network.append(new StageInput(config.noiseChannels()));
  }

  /** Config of {@code stage}. */
  public record Config(
      @JsonPropertyDescription("Planes of standard normal noise the next stage reads beside the image "
          + "(LAPGAN: 1).") Integer noiseChannels)
      implements LayerConfig {
    public Config {
      ConfigChecks.nonNegative("noiseChannels", noiseChannels);
      noiseChannels = noiseChannels == null ? 1 : noiseChannels;
    }
  }

  /** Registers {@code stage}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "stage";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new StageLayer(config);
    }

    @Override
    public String description() {
      return "Stacked GANs: ends a generator stage; the next stage reads its image and noiseChannels planes of "
          + "noise, and trains on real images at that resolution (schedule stacked).";
    }
  }
}
