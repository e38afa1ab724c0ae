package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
    GanConfig deeper = deeperGenerator();
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

  /**
   * A replaced network's optimizer starts as a new one would, its Adam bias correction at the first
   * step: each parameter moves by the learning rate times the sign of its gradient (m-hat = g, v-hat =
   * g^2). An optimizer that went on counting from the old network's updates would move it by about
   * 0.58 times the rate at the fourth step (beta1 0.9, beta2 0.999).
   */
  @Test
  void aReplacedNetworksOptimizerStartsFromItsFirstStep() {
    GanConfig config = EngineFixtures.config(RING.replace("""
          - {type: dense, units: 2}
      discriminator:""", """
          - {type: dense, units: 2}
        optimizer: {type: adam, learningRate: 0.001, beta1: 0.9, beta2: 0.999}
      discriminator:"""));
    INDArray[] before = new INDArray[1];
    Trainer trainer = trainer(config, List.of(new TrainingFeature() {
      @Override
      public void beforeIteration(Iteration iteration) {
        if (iteration.step() == 3) {
          MultiLayerNetwork fresh = assembled(config).generator();
          fresh.params().assign(iteration.network(NetworkRole.GENERATOR).params());
          iteration.replaceNetwork(NetworkRole.GENERATOR, fresh);
          before[0] = fresh.params().dup();
        }
      }
    }));
    for (int step = 0; step < 4; step++) {
      trainer.iterate();
    }

    INDArray moved = before[0].sub(trainer.model().generator().params());
    int movedCount = 0;
    for (int i = 0; i < moved.length(); i++) {
      if (moved.getDouble(i) != 0) { // a dead ReLU unit's weights get no gradient
        assertThat(Math.abs(moved.getDouble(i))).as("parameter " + i).isCloseTo(0.001, within(2e-5));
        movedCount++;
      }
    }
    assertThat(movedCount).isGreaterThan((int) moved.length() / 2);
    assertThat(trainer.state().generatorOptimizerSteps()).isEqualTo(1);
    assertThat(trainer.state().generatorUpdates()).isEqualTo(4);
  }

  /**
   * A generator average follows a grown generator: the layer the new network keeps (same name and
   * shapes) keeps its average; the others start at the new network's weights.
   */
  @Test
  void theGeneratorAverageKeepsItsAveragesForTheLayersAGrownGeneratorKeeps() {
    GanConfig config = EngineFixtures.config(RING.replace("logEvery: 1}", "logEvery: 1, ema: {decay: 0.9}}"));
    GanConfig deeper = deeperGenerator();
    Trainer[] trainer = new Trainer[1];
    INDArray[] averagedFirstLayer = new INDArray[1];
    MultiLayerNetwork[] grown = new MultiLayerNetwork[1];
    trainer[0] = trainer(config, List.of(new TrainingFeature() {
      @Override
      public void beforeIteration(Iteration iteration) {
        if (iteration.step() == 3) {
          averagedFirstLayer[0] = trainer[0].model().samplingGenerator().getLayer(0).params().dup();
          grown[0] = assembled(deeper).generator();
          iteration.replaceNetwork(NetworkRole.GENERATOR, grown[0]);
          MultiLayerNetwork average = trainer[0].model().samplingGenerator();
          assertThat(average.getnLayers()).isEqualTo(3);
          assertThat(average.getLayer(0).params()).as("g0: kept, its average too").isEqualTo(averagedFirstLayer[0]);
          assertThat(average.getLayer(0).params()).isNotEqualTo(grown[0].getLayer(0).params());
          assertThat(average.getLayer(1).params()).as("g1: another shape now").isEqualTo(grown[0].getLayer(1).params());
          assertThat(average.getLayer(2).params()).as("g2: new").isEqualTo(grown[0].getLayer(2).params());
        }
      }
    }));
    for (int step = 0; step < 4; step++) {
      trainer[0].iterate();
    }
    assertThat(grown[0]).isNotNull();
  }

  /** The ring GAN with a generator one hidden layer deeper: what a growing generator becomes. */
  private static GanConfig deeperGenerator() {
    return EngineFixtures.config(RING.replace("""
          - {type: dense, units: 8, activation: relu}
          - {type: dense, units: 2}
      discriminator:""", """
          - {type: dense, units: 8, activation: relu}
          - {type: dense, units: 8, activation: relu}
          - {type: dense, units: 2}
      discriminator:"""));
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
