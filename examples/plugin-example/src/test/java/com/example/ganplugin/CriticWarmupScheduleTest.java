package com.example.ganplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.NetworkSnapshot;
import dev.ganforge.api.schedule.TrainingScheduleProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

final class CriticWarmupScheduleTest {
  @Test
  void isRegisteredAsAScheduleProvider() {
    List<String> types = new ArrayList<>();
    ServiceLoader.load(TrainingScheduleProvider.class).forEach(provider -> types.add(provider.type()));
    assertTrue(types.contains("critic-warmup"), types.toString());
  }

  @Test
  void trainsTheCriticLongerInTheWarmUpIterationsAsTheWganCodeDoes() {
    CriticWarmupSchedule schedule = new CriticWarmupSchedule(new CriticWarmupSchedule.Config(null, null, null, null));

    assertEquals(List.of(100, 100, 5, 5, 100, 5), List.of(criticSteps(schedule, 0), criticSteps(schedule, 24),
        criticSteps(schedule, 25), criticSteps(schedule, 499), criticSteps(schedule, 500), criticSteps(schedule, 501)));
  }

  @Test
  void runsItsCriticStepsThenOneGeneratorStep() {
    CriticWarmupSchedule schedule = new CriticWarmupSchedule(new CriticWarmupSchedule.Config(2, 3, 1, 10));
    Recording first = new Recording(0);
    Recording later = new Recording(1);

    schedule.iterate(first);
    schedule.iterate(later);

    assertEquals(List.of("D", "D", "D", "G"), first.calls);
    assertEquals(List.of("D", "D", "G"), later.calls);
  }

  private static int criticSteps(CriticWarmupSchedule schedule, long step) {
    return schedule.criticSteps(step);
  }

  /** An iteration that records the primitives called; the others are not needed here. */
  private static final class Recording implements Iteration {
    final List<String> calls = new ArrayList<>();
    private final long step;

    Recording(long step) {
      this.step = step;
    }

    @Override
    public long step() {
      return step;
    }

    @Override
    public long totalSteps() {
      return 1000;
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
      throw new UnsupportedOperationException();
    }

    @Override
    public void generatorStep() {
      calls.add("G");
    }

    @Override
    public INDArray discriminatorScores(INDArray samples) {
      throw new UnsupportedOperationException();
    }

    @Override
    public NetworkSnapshot snapshot(NetworkRole role) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MultiLayerNetwork network(NetworkRole role) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long updates(NetworkRole role) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double configuredLearningRate(NetworkRole role) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double learningRate(NetworkRole role) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setLearningRate(NetworkRole role, double learningRate) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void replaceNetwork(NetworkRole role, MultiLayerNetwork network) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void record(String name, double value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public RandomSource random() {
      throw new UnsupportedOperationException();
    }
  }
}
