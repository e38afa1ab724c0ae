package dev.ganforge.core.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Arrays an iteration creates and nothing keeps afterwards, freed when it ends instead of when the
 * garbage collector notices them. With workspaces off, ND4J releases native memory only after the Java
 * objects are collected, and a training loop creates megabytes of native arrays per step but little
 * heap, so collections are rare (measured: the forward activations alone grew resident memory by about
 * 0.6 GiB per 1,000 steps, about 12 MiB when freed like this). The launcher also caps native memory so
 * that JavaCPP forces collections before the process grows (see the CLI's NativeMemoryLimits).
 */
final class Scratch {
  private final List<INDArray> arrays = new ArrayList<>();

  /** Frees {@code array} when the iteration ends; returns it. */
  INDArray keep(INDArray array) {
    arrays.add(array);
    return array;
  }

  /** Frees all of {@code more} when the iteration ends. */
  void keepAll(Collection<INDArray> more) {
    arrays.addAll(more);
  }

  /** A training-mode forward pass whose activations are freed when the iteration ends. */
  INDArray forward(MultiLayerNetwork network, INDArray input) {
    network.setInput(input);
    List<INDArray> activations = network.feedForward(true, false);
    keepAll(activations.subList(1, activations.size())); // [0] is the input: not ours to free
    return activations.get(activations.size() - 1);
  }

  /** Frees everything kept so far. */
  void free() {
    for (INDArray array : arrays) {
      if (array.closeable() && !array.wasClosed()) {
        array.close();
      }
    }
    arrays.clear();
  }
}
