package dev.ganforge.api.layer;

import dev.ganforge.api.Experimental;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.PublicApi;
import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A network under construction, handed to {@link Layer#appendTo}. It is a chain: each appended piece
 * reads the output of the previous one. Class labels reach the layers that read them as a side input
 * set before every pass ({@link LabelConditioned}); a layer that reads an earlier layer's output, as a
 * modulated convolution reads its mapping network's style, finds that layer through
 * {@link #appendedLayers()}. A block with a skip path (a residual block, progressive growing's fade-in
 * between two resolutions) is one appended layer that computes both paths inside it, such as a
 * SameDiff layer: the engine's networks stay chains (docs/extending.md says why).
 */
@PublicApi
public interface NetworkAssembly {

  /** The network being assembled. */
  NetworkRole role();

  /** The floating-point type of the network's parameters and activations. */
  DataType dataType();

  /**
   * The type of the activations the next piece receives: {@code InputType.feedForward(n)} or
   * {@code InputType.convolutional(h, w, c)} (channels first).
   */
  InputType currentType();

  /**
   * Appends a DL4J layer fed by the current output. DL4J infers {@code nIn} from {@link #currentType()}
   * and adds the reshaping preprocessors it needs (for example between convolutional and dense layers).
   *
   * @return the unique name given to the layer, for {@link dev.ganforge.api.NetworkParameters#parameter}
   */
  String append(org.deeplearning4j.nn.conf.layers.Layer layer);

  /**
   * The DL4J layer configurations appended so far, in order; a configuration's position is its layer
   * index in the assembled network. A layer that reads from an earlier one (a modulated convolution
   * reading the style its mapping network computed) finds it here. The list is a read-only snapshot:
   * later appends do not show in it.
   */
  @Experimental
  default List<org.deeplearning4j.nn.conf.layers.Layer> appendedLayers() {
    return List.of();
  }

  /**
   * Reshapes the current activations with a DL4J preprocessor (for example
   * {@code FeedForwardToCnnPreProcessor} for a reshape, {@code CnnToFeedForwardPreProcessor} for a
   * flatten). It applies to the next appended layer; {@link #currentType()} reflects it at once.
   */
  void appendPreprocessor(InputPreProcessor preprocessor);
}
