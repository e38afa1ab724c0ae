package dev.ganforge.layers.style;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * Connects modulated layers to the style source before them in the same network. A DL4J network is a
 * chain whose layers know nothing of each other, so the link is made while DL4J instantiates the
 * network: it creates layers one by one, in index order, on one thread, so the source at index i is
 * registered here before any later layer that names index i looks it up, and a network built later
 * replaces the entry with its own source before its own consumers are created.
 */
final class StyleLinks {
  private static final ThreadLocal<Map<Integer, WeakReference<StyleSourceRuntime>>> SOURCES =
      ThreadLocal.withInitial(HashMap::new);

  private StyleLinks() {}

  static void register(int index, StyleSourceRuntime source) {
    SOURCES.get().put(index, new WeakReference<>(source));
  }

  /** The style source at {@code index} of the network being instantiated on this thread. */
  static StyleSourceRuntime source(int index, String consumerName) {
    WeakReference<StyleSourceRuntime> reference = SOURCES.get().get(index);
    StyleSourceRuntime source = reference == null ? null : reference.get();
    if (source == null) {
      throw new IllegalStateException(consumerName + " reads the style of layer " + index
          + ", which is not a mapping-network's style source in this network");
    }
    return source;
  }
}
