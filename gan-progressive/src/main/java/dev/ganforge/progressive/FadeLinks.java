package dev.ganforge.progressive;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * Connects the three layers of a fade-in within one network. A DL4J network is a chain whose layers
 * know nothing of each other, so the links are made while DL4J instantiates it: it creates the layers
 * one by one, in index order, on one thread, so a layer registered at index i here is found by every
 * later layer that names index i, and a network built later replaces the entry with its own layer
 * before its own later layers look it up (as the style source does in gan-layers).
 */
final class FadeLinks {
  private static final ThreadLocal<Map<Integer, WeakReference<Object>>> LAYERS =
      ThreadLocal.withInitial(HashMap::new);

  private FadeLinks() {}

  static void register(int index, Object layer) {
    LAYERS.get().put(index, new WeakReference<>(layer));
  }

  /** The layer of type {@code type} at {@code index} of the network being instantiated on this thread. */
  static <T> T find(int index, Class<T> type, String consumer) {
    WeakReference<Object> reference = LAYERS.get().get(index);
    Object layer = reference == null ? null : reference.get();
    if (!type.isInstance(layer)) {
      throw new IllegalStateException(consumer + " reads layer " + index + ", which is not a "
          + type.getSimpleName() + " of this network");
    }
    return type.cast(layer);
  }
}
