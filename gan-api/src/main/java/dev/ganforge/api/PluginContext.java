package dev.ganforge.api;

import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/** What GANForge tells a provider when it creates an instance. */
@PublicApi
public interface PluginContext {

  /** The run's seed. Draw randomness from {@link RandomSource}, not from a generator seeded here. */
  long seed();

  /** The floating-point type the networks train in (usually {@link DataType#FLOAT}). */
  DataType dataType();

  /** For layers: the network being assembled. Empty for the other kinds. */
  Optional<NetworkRole> role();

  /** The training data's description; empty when the data is not known (for example in {@code gan validate}). */
  Optional<DatasetInfo> dataset();
}
