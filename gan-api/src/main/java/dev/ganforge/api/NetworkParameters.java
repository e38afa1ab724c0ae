package dev.ganforge.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Live access to one network's parameters. Arrays returned are views: writing to them changes the
 * network. Parameter order in {@link #flattened()} is the network's own and stable for a given config.
 */
@PublicApi
public interface NetworkParameters {

  /** Which network these parameters belong to. */
  NetworkRole role();

  /** All trainable parameters as one row vector (a view). */
  INDArray flattened();

  /**
   * One parameter array of one assembled layer (a view), by the layer name returned from
   * {@link dev.ganforge.api.layer.NetworkAssembly#append} and the DL4J parameter key ({@code W}, {@code b},
   * or a custom layer's own key).
   *
   * @throws IllegalArgumentException naming the known layers or keys when either is unknown
   */
  INDArray parameter(String layerName, String key);
}
