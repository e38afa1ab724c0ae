package dev.ganforge.core.engine;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PluginContext;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/** The {@link PluginContext} of a run. */
record RunContext(long seed, DataType dataType, Optional<NetworkRole> role, Optional<DatasetInfo> dataset)
    implements PluginContext {

  static RunContext of(long seed, DataType dataType, DatasetInfo dataset) {
    return new RunContext(seed, dataType, Optional.empty(), Optional.of(dataset));
  }

  RunContext forRole(NetworkRole network) {
    return new RunContext(seed, dataType, Optional.of(network), dataset);
  }
}
