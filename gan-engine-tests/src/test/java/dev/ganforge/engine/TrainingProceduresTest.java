package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.NetworkSnapshot;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.engine.TrainerFactory;
import dev.ganforge.core.run.Runs;
import dev.ganforge.core.run.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training procedures and features see the engine's primitives, and those do what their docs say. */
final class TrainingProceduresTest {
  private static final String RING = """
      seed: 3
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
      training: {steps: 6, batchSize: 16, checkpointEvery: 3, sampleEvery: 3, logEvery: 1}
      """;

  @TempDir Path runs;

  @Test
  void aSnapshotRestoresTheDiscriminatorsParametersOptimizerStateAndUpdateCount() {
    GanConfig config = EngineFixtures.config(RING);
    Trainer trainer = trainer(config, List.of(new TrainingFeature() {
      @Override
      public void beforeIteration(Iteration iteration) {
        if (iteration.step() != 2) {
          return;
        }
        MultiLayerNetwork discriminator = iteration.network(NetworkRole.DISCRIMINATOR);
        INDArray parameters = discriminator.params().dup();
        INDArray updater = discriminator.getUpdater().getStateViewArray().dup();
        long updates = iteration.updates(NetworkRole.DISCRIMINATOR);
        NetworkSnapshot snapshot = iteration.snapshot(NetworkRole.DISCRIMINATOR);
        iteration.discriminatorStep();
        iteration.discriminatorStep();
        assertThat(discriminator.params()).isNotEqualTo(parameters);

        snapshot.restore();

        assertThat(discriminator.params()).isEqualTo(parameters);
        assertThat(discriminator.getUpdater().getStateViewArray()).isEqualTo(updater);
        assertThat(iteration.updates(NetworkRole.DISCRIMINATOR)).isEqualTo(updates);
        iteration.record("check/snapshot", 1);
      }
    }));

    Map<String, Double> third = List.of(trainer.iterate(), trainer.iterate(), trainer.iterate()).get(2);

    assertThat(third).containsEntry("check/snapshot", 1.0).containsKeys("loss/discriminator", "loss/generator");
    assertThat(trainer.state().discriminatorUpdates()).isEqualTo(3);
  }

  @Test
  void discriminatorScoresAreTheDiscriminatorsOutputAndChangeNothing() {
    List<Boolean> checked = new java.util.ArrayList<>();
    Trainer trainer = trainer(EngineFixtures.config(RING), List.of(new TrainingFeature() {
      @Override
      public void beforeIteration(Iteration iteration) {
        MultiLayerNetwork discriminator = iteration.network(NetworkRole.DISCRIMINATOR);
        INDArray samples = org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 5, 2);
        INDArray parameters = discriminator.params().dup();
        INDArray updater = discriminator.getUpdater().getStateViewArray().dup();

        INDArray scores = iteration.discriminatorScores(samples);

        assertThat(scores.shape()).containsExactly(5, 1);
        assertThat(scores.equalsWithEps(discriminator.output(samples, true), 1e-6)).isTrue();
        assertThat(discriminator.params()).isEqualTo(parameters);
        assertThat(discriminator.getUpdater().getStateViewArray()).isEqualTo(updater);
        checked.add(true);
      }
    }));

    trainer.iterate();
    trainer.iterate();

    assertThat(checked).hasSize(2);
  }

  @Test
  void aFeaturesLearningRateWinsOverTheScheduleBeforeIt() {
    Trainer trainer = trainer(EngineFixtures.config(RING), List.of(new TrainingFeature() {
      @Override
      public void beforeIteration(Iteration iteration) {
        iteration.setLearningRate(NetworkRole.GENERATOR,
            iteration.configuredLearningRate(NetworkRole.GENERATOR) / (1 + iteration.step()));
      }
    }));

    trainer.iterate();
    trainer.iterate();

    assertThat(trainer.model().discriminator().getLearningRate(0)).isEqualTo(2e-4);
    assertThat(trainer.model().generator().getLearningRate(0)).isEqualTo(1e-4);
  }

  /**
   * Progressive growing's primitive: at step 3 the generator grows a hidden layer (the old layers'
   * weights copied in); training goes on with it, checkpoints store it, and a resumed run has it.
   */
  @Test
  void aGrownGeneratorTrainsOnAndIsWhatTheCheckpointResumes() {
    GanConfig config = EngineFixtures.config(RING);
    GanConfig deeper = EngineFixtures.config(RING.replace("""
          - {type: dense, units: 8, activation: relu}
          - {type: dense, units: 2}
      discriminator:""", """
          - {type: dense, units: 8, activation: relu}
          - {type: dense, units: 8, activation: relu}
          - {type: dense, units: 2}
      discriminator:"""));
    TrainingFeature grow = new TrainingFeature() {
      @Override
      public void beforeIteration(Iteration iteration) {
        if (iteration.step() == 3 && iteration.network(NetworkRole.GENERATOR).getnLayers() == 2) {
          MultiLayerNetwork old = iteration.network(NetworkRole.GENERATOR);
          MultiLayerNetwork grown = assembled(deeper).generator();
          grown.getLayer(0).setParams(old.getLayer(0).params().dup());
          grown.getLayer(2).setParams(old.getLayer(1).params().dup());
          iteration.replaceNetwork(NetworkRole.GENERATOR, grown);
        }
      }
    };
    Runs runs = Runs.using(EngineFixtures.registry());
    Path directory = this.runs.resolve("grow");

    TrainingRun run = runs.start(config.withSteps(3), directory, features(grow));
    run.train();
    TrainingRun resumed = runs.resume(directory, java.util.Optional.of(6), features(grow));
    resumed.train();
    TrainingRun reopened = runs.resume(directory, java.util.Optional.empty());

    assertThat(resumed.step()).isEqualTo(6);
    assertThat(resumed.model().generator().getnLayers()).isEqualTo(3);
    assertThat(reopened.model().generator().getnLayers()).as("the checkpoint holds the grown network").isEqualTo(3);
    assertThat(reopened.model().generator().params()).isEqualTo(resumed.model().generator().params());
  }

  private static AbstractModule features(TrainingFeature... features) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder<TrainingFeature> bound = Multibinder.newSetBinder(binder(), TrainingFeature.class);
        for (TrainingFeature feature : features) {
          bound.addBinding().toInstance(feature);
        }
      }
    };
  }

  private static GanModel assembled(GanConfig config) {
    DataSource data = DataSources.open(config.data(), config.seed(), DataType.FLOAT);
    return GanModel.assemble(config, EngineFixtures.registry(), data.info(), DataType.FLOAT);
  }

  private static Trainer trainer(GanConfig config, List<TrainingFeature> features) {
    DataSource data = DataSources.open(config.data(), config.seed(), DataType.FLOAT);
    GanModel model = GanModel.assemble(config, EngineFixtures.registry(), data.info(), DataType.FLOAT);
    return TrainerFactory.create(config, EngineFixtures.registry(), model, data, DataType.FLOAT, features);
  }
}
