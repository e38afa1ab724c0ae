package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.ganforge.api.listener.RunAlert;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.listener.RunStart;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.run.Checkpoints;
import dev.ganforge.core.run.RunDirectoryException;
import dev.ganforge.core.run.Runs;
import dev.ganforge.core.run.TrainingStoppedException;
import dev.ganforge.core.run.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's events reach listeners in order, from the Java API and from a Guice module alike. */
final class RunListenersTest {
  private static final String RING = """
      seed: 5
      data: {type: gaussian-ring}
      latent: {size: 4}
      generator:
        layers:
          - {type: dense, units: 8, activation: relu}
          - {type: dense, units: 2}
      discriminator:
        layers:
          - {type: dense, units: 8, activation: leaky-relu}
          - {type: dense, units: 1}
      loss: {type: non-saturating}
      training: {steps: 4, batchSize: 16, checkpointEvery: 2, sampleEvery: 4}
      """;

  @TempDir Path runs;

  /** Writes down every event, by name. */
  private static final class Recorder implements RunListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void onStart(RunStart start) {
      events.add("start " + start.step() + "/" + start.totalSteps());
    }

    @Override
    public void onIteration(long step, Map<String, Double> scalars) {
      events.add("iteration " + step + (scalars.containsKey("loss/generator") ? "" : " without losses"));
    }

    @Override
    public void onCheckpoint(long step, Path directory) {
      events.add("checkpoint " + step + " " + directory.getFileName());
    }

    @Override
    public void onAlert(RunAlert alert) {
      events.add("alert " + alert.kind());
    }

    @Override
    public void onRollback(long step) {
      events.add("rollback " + step);
    }

    @Override
    public void onFinish(long step) {
      events.add("finish " + step);
    }

    @Override
    public void onFailure(long step, Throwable error) {
      events.add("failure " + step + " " + error.getMessage());
    }
  }

  @Test
  void listenersHearEveryEventInOrderAndAResumeStartsAtItsCheckpoint() {
    Runs runs = Runs.using(EngineFixtures.registry());
    GanConfig config = EngineFixtures.config(RING);
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    Path directory = this.runs.resolve("run");

    runs.start(config.withSteps(2), directory).train(first);
    runs.resume(directory, Optional.of(4)).train(second);

    assertThat(first.events).containsExactly("start 0/2", "checkpoint 0 step-000000", "iteration 1",
        "checkpoint 2 step-000002", "iteration 2", "finish 2");
    assertThat(second.events).containsExactly("start 2/4", "iteration 3", "checkpoint 4 step-000004",
        "iteration 4", "finish 4");
  }

  @Test
  void aListenerBoundInAGuiceModuleHearsTheRunAndTheScalarsAreReadOnly() {
    Recorder bound = new Recorder();
    List<Boolean> readOnly = new ArrayList<>();
    AbstractModule module = new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder<RunListener> listeners = Multibinder.newSetBinder(binder(), RunListener.class);
        listeners.addBinding().toInstance(bound);
        listeners.addBinding().toInstance((step, scalars) -> {
          try {
            scalars.put("tampered", 1.0);
            readOnly.add(false);
          } catch (UnsupportedOperationException expected) {
            readOnly.add(true);
          }
        });
      }
    };

    Runs.using(EngineFixtures.registry()).start(EngineFixtures.config(RING), runs.resolve("run"), module).train();

    assertThat(bound.events).startsWith("start 0/4").endsWith("finish 4");
    assertThat(readOnly).hasSize(4).containsOnly(true);
  }

  @Test
  void aFailingListenerStopsTheRunAndTheOthersHearWhy() throws Exception {
    Recorder recorder = new Recorder();
    RunListener failing = (step, scalars) -> {
      if (step == 3) {
        throw new IllegalStateException("disk full");
      }
    };
    Path directory = runs.resolve("run");

    TrainingRun run = Runs.using(EngineFixtures.registry()).start(EngineFixtures.config(RING), directory);

    assertThatThrownBy(() -> run.train(recorder, failing)).hasMessage("disk full");
    assertThat(recorder.events).endsWith("iteration 3", "failure 3 disk full");
    assertThat(Files.readString(directory.resolve("checkpoints/latest")).trim())
        .as("what the last checkpoint holds is safe to resume from").isEqualTo("step-000002");
  }

  @Test
  void aRollbackIsHeardAndTheIterationsAfterItAreHeardAgain() {
    // Every D loss is below collapseBelow 10: the monitor raises a collapse once its window is full.
    GanConfig config = EngineFixtures.config(RING.replace("training:",
        "alerts: {policy: rollback, window: 4, collapseBelow: 10, maxRollbacks: 1}\ntraining:"));
    Recorder recorder = new Recorder();
    TrainingRun run = Runs.using(EngineFixtures.registry()).start(config.withSteps(8), runs.resolve("run"));

    assertThatThrownBy(() -> run.train(recorder)).isInstanceOf(TrainingStoppedException.class)
        .hasMessageContaining("after 1 rollbacks");
    assertThat(recorder.events).containsSubsequence("iteration 4", "alert discriminator-loss-collapse",
        "rollback 0", "iteration 1", "iteration 4", "alert discriminator-loss-collapse");
    assertThat(recorder.events.get(recorder.events.size() - 1)).startsWith("failure 4 training stopped at step 4");
  }

  @Test
  void trainingAFinishedRunAgainKeepsItsLog() throws Exception {
    Path directory = runs.resolve("run");
    TrainingRun run = Runs.using(EngineFixtures.registry()).start(EngineFixtures.config(RING), directory);
    run.train();
    long length = Files.size(directory.resolve("metrics.jsonl"));

    run.train();

    assertThat(Files.size(directory.resolve("metrics.jsonl"))).isEqualTo(length).isPositive();
  }

  @Test
  void aNewRunRefusesACheckpointFolderThatHoldsAnotherRunsCheckpoints() {
    Path shared = runs.resolve("shared-checkpoints");
    AbstractModule elsewhere = new AbstractModule() {
      @com.google.inject.Provides
      @com.google.inject.Singleton
      Checkpoints checkpoints(GanConfig config) {
        return new Checkpoints(shared, config.training().keepCheckpoints());
      }
    };
    Runs runs = Runs.using(EngineFixtures.registry());
    runs.start(EngineFixtures.config(RING).withSteps(2), this.runs.resolve("first"), elsewhere).train();

    assertThatThrownBy(() -> runs.start(EngineFixtures.config(RING), this.runs.resolve("second"), elsewhere))
        .isInstanceOfSatisfying(RunDirectoryException.class,
            e -> assertThat(e.reason()).isEqualTo(RunDirectoryException.Reason.TAKEN))
        .hasMessageContaining(shared + " of the new run");
    assertThat(this.runs.resolve("second")).doesNotExist();
  }
}
