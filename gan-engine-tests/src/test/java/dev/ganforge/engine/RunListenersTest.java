package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.ganforge.api.listener.RunAlert;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.listener.RunStart;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.run.Runs;
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
}
