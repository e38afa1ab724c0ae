package dev.ganforge.core.testing;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.NetworkSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An {@link Iteration} that records the primitives a schedule calls, by name ({@code D}, {@code G},
 * {@code look-ahead D}, {@code snapshot D}, {@code restore D}), for testing schedules without networks.
 */
public final class RecordingIteration implements Iteration {
  private final long step;
  private final long totalSteps;
  private final List<String> calls = new ArrayList<>();

  public RecordingIteration(long step, long totalSteps) {
    this.step = step;
    this.totalSteps = totalSteps;
  }

  /** The primitives called so far, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public long step() {
    return step;
  }

  @Override
  public long totalSteps() {
    return totalSteps;
  }

  @Override
  public int batchSize() {
    return 64;
  }

  @Override
  public void discriminatorStep() {
    calls.add("D");
  }

  @Override
  public void lookAheadDiscriminatorStep() {
    calls.add("look-ahead D");
  }

  @Override
  public void unrolledGeneratorStep(int discriminatorUpdates) {
    calls.add("G through " + discriminatorUpdates + " D updates");
  }

  @Override
  public void generatorStep() {
    calls.add("G");
  }

  @Override
  public INDArray discriminatorScores(INDArray samples) {
    throw new UnsupportedOperationException("no networks here");
  }

  @Override
  public NetworkSnapshot snapshot(NetworkRole role) {
    String name = role == NetworkRole.GENERATOR ? "G" : "D";
    calls.add("snapshot " + name);
    return new NetworkSnapshot() {
      @Override
      public NetworkRole role() {
        return role;
      }

      @Override
      public void restore() {
        calls.add("restore " + name);
      }
    };
  }

  @Override
  public MultiLayerNetwork network(NetworkRole role) {
    throw new UnsupportedOperationException("no networks here");
  }

  @Override
  public long updates(NetworkRole role) {
    return 0;
  }

  @Override
  public double configuredLearningRate(NetworkRole role) {
    return 1e-3;
  }

  @Override
  public double learningRate(NetworkRole role) {
    return configuredLearningRate(role);
  }

  @Override
  public void setLearningRate(NetworkRole role, double learningRate) {
    calls.add("learning rate " + role + " " + learningRate);
  }

  @Override
  public void replaceNetwork(NetworkRole role, MultiLayerNetwork network) {
    throw new UnsupportedOperationException("no networks here");
  }

  @Override
  public void record(String name, double value) {
    calls.add(name + "=" + value);
  }

  @Override
  public RandomSource random() {
    return new TestRandom(1);
  }
}
