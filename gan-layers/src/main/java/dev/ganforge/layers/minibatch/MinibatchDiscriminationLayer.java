package dev.ganforge.layers.minibatch;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;
import dev.ganforge.layers.WeightInitialization;

/**
 * Minibatch discrimination (Salimans et al. 2016), for discriminators: appends, per sample, B features
 * measuring its closeness to the other samples of the batch through a learned projection, so that D can
 * reject batches of near-identical fakes (mode collapse). Feature-vector input (flatten images first).
 */
public final class MinibatchDiscriminationLayer implements Layer {
  private final Config config;

  public MinibatchDiscriminationLayer(Config config) {
    this.config = config;
  }

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new MinibatchDiscrimination(config.kernels(), config.kernelDimension(),
        config.weightInit().toDl4j()));
  }

  /** Config of {@code minibatch-discrimination}. */
  public record Config(
      @JsonPropertyDescription("B: number of closeness features appended.") Integer kernels,
      @JsonPropertyDescription("C: length of each projected row compared between samples.") Integer kernelDimension,
      @JsonPropertyDescription("Initialisation of the projection T.") WeightInitialization weightInit)
      implements LayerConfig {
    public Config {
      ConfigChecks.positive("kernels", kernels);
      ConfigChecks.positive("kernelDimension", kernelDimension);
      kernels = kernels == null ? 32 : kernels;
      kernelDimension = kernelDimension == null ? 16 : kernelDimension;
      weightInit = weightInit == null ? WeightInitialization.FAN_IN_NORMAL : weightInit;
    }
  }

  /** Registers {@code minibatch-discrimination}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "minibatch-discrimination";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new MinibatchDiscriminationLayer(config);
    }

    @Override
    public String description() {
      return "Minibatch discrimination (Salimans et al. 2016): appends sum_j exp(-|M_i - M_j|_1) per kernel, "
          + "M = x T, so D sees how alike the batch's samples are.";
    }
  }
}
