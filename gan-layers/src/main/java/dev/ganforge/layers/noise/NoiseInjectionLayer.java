package dev.ganforge.layers.noise;

import com.google.auto.service.AutoService;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.layer.LayerProvider;
import dev.ganforge.api.layer.NetworkAssembly;

/**
 * Noise injection (StyleGAN), for generators: adds fresh Gaussian noise per pixel, scaled per channel by a
 * learned strength that starts at 0, so the generator decides where stochastic detail helps. The strengths
 * are StyleGAN's per-channel factors (Karras et al. 2019; StyleGAN2 keeps one per layer). StyleGAN2 adds
 * the noise after the convolution and before the bias and activation: give the convolution no
 * activation and put {@code {type: activation, function: leaky-relu, gain: 1.4142135623730951}} after
 * this layer (examples/fashion-mnist-style.yaml).
 */
public final class NoiseInjectionLayer implements Layer {

  @Override
  public void appendTo(NetworkAssembly network) {
    network.append(new NoiseInjection());
  }

  /** Config of {@code noise-injection}: no options. */
  public record Config() implements LayerConfig {}

  /** Registers {@code noise-injection}. */
  @AutoService(LayerProvider.class)
  public static final class Provider implements LayerProvider<Config> {
    @Override
    public String type() {
      return "noise-injection";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public Layer create(Config config, PluginContext context) {
      return new NoiseInjectionLayer();
    }

    @Override
    public String description() {
      return "Noise injection (Karras et al. 2019): x + s * N(0, 1) noise per pixel (shared by channels), "
          + "s a learned per-channel strength starting at 0.";
    }
  }
}
