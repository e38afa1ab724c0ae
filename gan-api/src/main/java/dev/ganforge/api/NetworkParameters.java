package dev.ganforge.api;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Live access to one network's parameters. Arrays returned are views: writing to them changes the
 * network.
 *
 * <p>DL4J keeps some state among a network's parameters that no optimizer updates: BatchNorm's running
 * mean and variance, spectral normalization's power-iteration vector, virtual batch norm's reference
 * statistics. {@link #all()} includes them; {@link #trainable()} and {@link #trainableMask()} do not, and
 * constraints and penalties on the weights (weight clipping, historical averaging) use those.
 */
@PublicApi
public interface NetworkParameters {

  /** Which network these parameters belong to. */
  NetworkRole role();

  /**
   * Every parameter as one row vector (a view), trainable or not, in the network's own order, which is
   * stable for a given config. {@link dev.ganforge.api.regularizer.Penalty} gradients are row vectors of
   * its length.
   */
  INDArray all();

  /**
   * The trainable parameters (those an optimizer updates), one view per parameter array of each layer,
   * in the order of {@link #all()}.
   */
  List<INDArray> trainable();

  /** A row vector like {@link #all()}: 1 where it holds a trainable parameter, 0 elsewhere. */
  INDArray trainableMask();

  /**
   * One parameter array of one assembled layer (a view), by the layer name returned from
   * {@link dev.ganforge.api.layer.NetworkAssembly#append} and the DL4J parameter key ({@code W}, {@code b},
   * or a custom layer's own key).
   *
   * @throws IllegalArgumentException naming the known layers or keys when either is unknown
   */
  INDArray parameter(String layerName, String key);
}
