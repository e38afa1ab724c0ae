package dev.ganforge.core.engine;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.NetworkSnapshot;
import dev.ganforge.core.config.GanConfig;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The engine's primitives as schedules and features see them: a view of one {@link Trainer}. */
final class EngineIteration implements Iteration {
  private final Trainer trainer;
  private final TrainedNetworks networks;
  private final GanConfig config;
  private final RandomSource random;

  EngineIteration(Trainer trainer, TrainedNetworks networks, GanConfig config, RandomSource random) {
    this.trainer = trainer;
    this.networks = networks;
    this.config = config;
    this.random = random;
  }

  @Override
  public long step() {
    return trainer.step();
  }

  @Override
  public long totalSteps() {
    return config.training().steps();
  }

  @Override
  public int batchSize() {
    return trainer.batchSize();
  }

  @Override
  public void setBatchSize(int batchSize) {
    trainer.setBatchSize(batchSize);
  }

  @Override
  public void discriminatorStep() {
    trainer.discriminatorStep(false);
  }

  @Override
  public void lookAheadDiscriminatorStep() {
    trainer.discriminatorStep(true);
  }

  @Override
  public void generatorStep() {
    trainer.generatorStep();
  }

  @Override
  public void unrolledGeneratorStep(int discriminatorUpdates) {
    trainer.unrolledGeneratorStep(discriminatorUpdates);
  }

  @Override
  public INDArray discriminatorScores(INDArray samples) {
    MultiLayerNetwork twin = networks.model().discriminatorTwin();
    INDArray scores = twin.output(trainer.discriminatorInput(samples, false), true);
    Activations.release(twin);
    return scores;
  }

  @Override
  public NetworkSnapshot snapshot(NetworkRole role) {
    return networks.snapshot(role);
  }

  @Override
  public MultiLayerNetwork network(NetworkRole role) {
    return networks.network(role);
  }

  @Override
  public long updates(NetworkRole role) {
    return networks.updates(role);
  }

  @Override
  public double configuredLearningRate(NetworkRole role) {
    return (role == NetworkRole.GENERATOR ? config.generator() : config.discriminator()).optimizer().learningRate();
  }

  @Override
  public double learningRate(NetworkRole role) {
    return networks.learningRate(role, configuredLearningRate(role));
  }

  @Override
  public void setLearningRate(NetworkRole role, double learningRate) {
    networks.setLearningRate(role, learningRate);
  }

  @Override
  public void replaceNetwork(NetworkRole role, MultiLayerNetwork network) {
    networks.replace(role, network);
  }

  @Override
  public MultiLayerNetwork initialNetwork(NetworkRole role) {
    return trainer.initialNetwork(role);
  }

  @Override
  public MultiLayerNetwork checkpointedNetwork(Path runDirectory, NetworkRole role) {
    return trainer.checkpointedNetwork(runDirectory, role);
  }

  @Override
  public void record(String name, double value) {
    trainer.record(name, value);
  }

  @Override
  public RandomSource random() {
    return random;
  }
}
