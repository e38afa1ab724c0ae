package dev.ganforge.api.schedule;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PublicApi;

/** A network as it was when {@link Iteration#snapshot} took it. */
@PublicApi
public interface NetworkSnapshot {

  /** The network this snapshot holds. */
  NetworkRole role();

  /**
   * Puts the network back as it was: parameters, optimizer state, update count and the state of its
   * regularizers. May be called more than once.
   */
  void restore();
}
