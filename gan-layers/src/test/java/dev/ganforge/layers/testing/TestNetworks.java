package dev.ganforge.layers.testing;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.layer.Layer;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.core.engine.NetworkAssembler;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import java.util.Random;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Small float64 networks assembled the way a run assembles them: layer configs written as in a config
 * file, read by the config mapper, created by the discovered provider and appended to the engine's
 * {@link NetworkAssembler}.
 */
public final class TestNetworks {
  private TestNetworks() {}

  /** A network reading {@code input}, made of {@code layers} (each a YAML mapping such as {@code {type: flatten}}). */
  public static NetworkAssembler assemble(InputType input, String... layers) {
    // No-op updater: nothing here trains, and gradient checks require it.
    NetworkAssembler assembly =
        new NetworkAssembler(NetworkRole.DISCRIMINATOR, DataType.DOUBLE, input, 12345, new NoOp());
    for (String layer : layers) {
      append(assembly, layer);
    }
    return assembly;
  }

  /** Reads {@code yaml} as a layer config and appends the layer it describes. */
  public static void append(NetworkAssembler assembly, String yaml) {
    LayerConfig config = PluginContracts.mapper().read(yaml, false, "test layer", LayerConfig.class);
    Layer layer = PluginContracts.classpathRegistry()
        .create(PluginKind.LAYER, config, PluginContracts.context(DataType.DOUBLE));
    layer.appendTo(assembly);
  }

  /** The initialised DL4J network of everything appended. */
  public static MultiLayerNetwork build(NetworkAssembler assembly) {
    MultiLayerNetwork network = new MultiLayerNetwork(assembly.configuration());
    network.init();
    return network;
  }

  /** Standard normal float64 values of the given shape, in row-major order, reproducible by seed. */
  public static INDArray gaussian(long seed, long... shape) {
    Random random = new Random(seed);
    long length = 1;
    for (long size : shape) {
      length *= size;
    }
    double[] values = new double[Math.toIntExact(length)];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
    return Nd4j.createFromArray(values).reshape('c', shape);
  }
}
