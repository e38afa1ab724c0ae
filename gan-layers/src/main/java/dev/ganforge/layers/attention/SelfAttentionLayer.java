package dev.ganforge.layers.attention;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * Self-attention over spatial positions (SAGAN, Zhang et al. 2019), for G and D: every position can draw
 * on every other, so distant parts of an image stay consistent. Output gain starts at 0 (the identity).
 * With {@code spectralNorm: true} the 1x1 projections are spectrally normalized, as SAGAN normalizes every
 * layer of both networks.
 */
public final class SelfAttentionLayer implements Layer {
  private final Config config;

  public SelfAttentionLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    if (!(network.currentType() instanceof InputType.InputTypeConvolutional conv)) {
      throw new IllegalArgumentException("self-attention needs images (convolutional input), got "
          + network.currentType() + "; place it between convolutional layers");
    }
    int keys = config.keyChannels() != null ? config.keyChannels() : (int) Math.max(1, conv.getChannels() / 8);
    network.append(new SelfAttention(keys, Boolean.TRUE.equals(config.spectralNorm())));
  }

  /** Config of {@code self-attention}. */
  public record Config(
      @JsonPropertyDescription("Channels of the query and key projections f and g; default channels / 8 "
          + "(at least 1), as in SAGAN.") Integer keyChannels,
      @JsonPropertyDescription("Spectrally normalize the projections f, g and h (one power iteration per "
          + "training step, as SAGAN does in G and D); default false.") Boolean spectralNorm)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("keyChannels", keyChannels);
    }
  }

  /** Registers {@code self-attention}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "self-attention";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new SelfAttentionLayer(config);
    }

    @Override
    public String description() {
      return "SAGAN self-attention (Zhang et al. 2019): y = gamma * sum_i softmax_i(f_i . g_j) h_i + x over the "
          + "image's positions, f, g, h 1x1 projections, gamma learned from 0.";
    }
  }
}
