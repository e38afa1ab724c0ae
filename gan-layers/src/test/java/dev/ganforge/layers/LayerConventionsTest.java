package dev.ganforge.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.core.config.ConfigSchema;
import dev.ganforge.core.plugin.PluginDescriptor;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code gan plugins} shows about this module's layers: a description of each and of each key. */
final class LayerConventionsTest {
  @Test
  void everyLayerAndEveryKeyIsDescribed() {
    List<PluginDescriptor> layers = PluginContracts.classpathRegistry().ofKind(PluginKind.LAYER).stream()
        .filter(descriptor -> descriptor.origin().equals("gan-layers"))
        .toList();

    assertThat(layers).extracting(PluginDescriptor::type).contains(
        "activation", "batch-norm", "conv2d", "deconv2d", "dense", "dropout", "flatten", "reshape", "upsample",
        "downsample");
    for (PluginDescriptor layer : layers) {
      assertThat(layer.provider().description()).as(layer.describe() + ": description()").isNotBlank();
      for (ConfigSchema.Field field : ConfigSchema.fields(layer.configClass())) {
        assertThat(field.description()).as(layer.describe() + ": description of key '" + field.name() + "'")
            .isNotBlank();
      }
    }
  }
}
