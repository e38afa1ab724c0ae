package dev.ganforge.core.engine;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.regularizer.Critic;
import dev.ganforge.api.regularizer.Penalty;
import dev.ganforge.api.regularizer.RegularizationStep;
import dev.ganforge.api.regularizer.Regularizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjDoubleConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run's regularizers and the engine's side of their hooks: input transforms, penalties added to a
 * network's gradient lazily (every {@code every} steps, times {@code every}), constraints after each
 * update, and their state for checkpoints and snapshots.
 */
final class Regularizers {
  /** A regularizer with its config's interval and type name. */
  record Active(String type, int every, Regularizer regularizer) {}

  private final List<Active> active;
  private final DataType dataType;

  Regularizers(List<Active> active, DataType dataType) {
    this.active = List.copyOf(active);
    this.dataType = dataType;
  }

  /** The batch as the discriminator sees it after every regularizer's input transform. */
  INDArray transform(INDArray batch, boolean real, long step, RandomSource random) {
    INDArray result = batch;
    for (Active each : active) {
      result = each.regularizer().discriminatorInput(result, real, step, random);
    }
    return result;
  }

  /**
   * Adds the due penalties of the regularizers acting on {@code parameters}' network to its gradient
   * buffer, at trainable parameters only (DL4J applies whatever sits at BatchNorm's statistics to them,
   * docs/dl4j-findings.md), and records their values as {@code penalty/<type>}.
   */
  void addPenalties(NetworkParametersView parameters, long step, INDArray real, INDArray fake, Critic critic,
      RandomSource random, Map<String, Double> penalties, ObjDoubleConsumer<String> requireFinite) {
    INDArray gradients = parameters.network().getGradientsViewArray();
    for (Active each : active) {
      if (each.regularizer().network() != parameters.role() || step % each.every() != 0) {
        continue;
      }
      Map<String, Double> diagnostics = new LinkedHashMap<>();
      Penalty penalty = each.regularizer().penalty(new Step(step, real, fake, critic, parameters, random,
          (name, value) -> diagnostics.put("penalty/" + each.type() + "/" + name, value)));
      requireFinite.accept("the " + each.type() + " penalty", penalty.value());
      penalty.parameterGradient().ifPresent(
          g -> gradients.addi(g.castTo(dataType).reshape(gradients.shape())
              .mul(parameters.trainableMask().reshape(gradients.shape()))
              .muli(each.every())));
      if (penalty.parameterGradient().isPresent() || penalty.value() != 0) {
        penalties.put("penalty/" + each.type(), penalty.value());
      }
      // Diagnostics count what happened: summed over the iteration's updates (n-critic steps).
      diagnostics.forEach((name, value) -> penalties.merge(name, value, Double::sum));
    }
  }

  /** Runs the constraints of the regularizers acting on {@code parameters}' network after its update. */
  void afterUpdate(NetworkParametersView parameters, long step) {
    for (Active each : active) {
      if (each.regularizer().network() == parameters.role()) {
        each.regularizer().afterUpdate(parameters, step);
      }
    }
  }

  /** Copies of the state of the regularizers acting on {@code role}, by position (empty for the others). */
  List<Map<String, INDArray>> copyState(NetworkRole role) {
    List<Map<String, INDArray>> copies = new ArrayList<>();
    for (Active each : active) {
      Map<String, INDArray> copy = new HashMap<>();
      if (each.regularizer().network() == role) {
        each.regularizer().state().forEach((key, value) -> copy.put(key, value.dup()));
      }
      copies.add(copy);
    }
    return copies;
  }

  /** Puts back what {@link #copyState} returned. */
  void restoreState(List<Map<String, INDArray>> copies) {
    for (int i = 0; i < active.size(); i++) {
      if (!copies.get(i).isEmpty()) {
        active.get(i).regularizer().restoreState(copies.get(i));
      }
    }
  }

  /** Every regularizer's state for a checkpoint, as {@code regularizer-<index>-<key>}. */
  void putArrays(Map<String, INDArray> arrays) {
    for (int i = 0; i < active.size(); i++) {
      for (Map.Entry<String, INDArray> entry : active.get(i).regularizer().state().entrySet()) {
        arrays.put("regularizer-" + i + "-" + entry.getKey(), entry.getValue());
      }
    }
  }

  /** Restores the regularizer state among a checkpoint's arrays. */
  void restoreArrays(Map<String, INDArray> arrays) {
    for (int i = 0; i < active.size(); i++) {
      String prefix = "regularizer-" + i + "-";
      Map<String, INDArray> state = new HashMap<>();
      arrays.forEach((key, value) -> {
        if (key.startsWith(prefix)) {
          state.put(key.substring(prefix.length()), value);
        }
      });
      if (!state.isEmpty()) {
        active.get(i).regularizer().restoreState(state);
      }
    }
  }

  /** What a penalty sees. */
  private record Step(long step, INDArray realBatch, INDArray fakeBatch, Critic critic,
      NetworkParametersView parameters, RandomSource random, ObjDoubleConsumer<String> recorder)
      implements RegularizationStep {
    @Override
    public void record(String name, double value) {
      recorder.accept(name, value);
    }
  }

}
