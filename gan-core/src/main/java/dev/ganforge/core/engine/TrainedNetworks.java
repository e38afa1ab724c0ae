package dev.ganforge.core.engine;

import dev.ganforge.api.DatasetInfo;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.schedule.NetworkSnapshot;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two networks as training changes them: their update counts (Adam's bias correction counts them),
 * learning rates, snapshots for look-ahead schemes, and replacement by grown networks. The critic that
 * penalties read follows the discriminator it belongs to.
 */
final class TrainedNetworks {
  private final DatasetInfo data;
  private final TrainingFeatures features;
  private final Regularizers regularizers;
  /** False while the loss reads the discriminator's intermediate features: those cuts share its weights. */
  private final boolean discriminatorReplaceable;
  private final Map<NetworkRole, Long> updates = new EnumMap<>(NetworkRole.class);
  /** Steps of each network's current optimizer: its updates since the network was last replaced. */
  private final Map<NetworkRole, Long> optimizerSteps = new EnumMap<>(NetworkRole.class);
  private final Map<NetworkRole, Double> learningRates = new EnumMap<>(NetworkRole.class);
  private final Map<NetworkRole, NetworkParametersView> parameters = new EnumMap<>(NetworkRole.class);
  private GanModel model;
  private DiscriminatorCritic critic;

  TrainedNetworks(GanModel model, DatasetInfo data, TrainingFeatures features, Regularizers regularizers,
      boolean discriminatorReplaceable) {
    this.data = data;
    this.features = features;
    this.regularizers = regularizers;
    this.discriminatorReplaceable = discriminatorReplaceable;
    restoreUpdates(0, 0, 0, 0);
    use(model);
  }

  private void use(GanModel networks) {
    model = networks.withSamplingGenerator(features.samplingGenerator());
    critic = DiscriminatorCritic.of(model.discriminatorTwin());
    for (NetworkRole role : NetworkRole.values()) {
      parameters.put(role, new NetworkParametersView(role, network(role)));
    }
  }

  GanModel model() {
    return model;
  }

  DiscriminatorCritic critic() {
    return critic;
  }

  MultiLayerNetwork network(NetworkRole role) {
    return role == NetworkRole.GENERATOR ? model.generator() : model.discriminator();
  }

  /** What regularizers see of {@code role}'s network. */
  NetworkParametersView parameters(NetworkRole role) {
    return parameters.get(role);
  }

  long updates(NetworkRole role) {
    return updates.get(role);
  }

  /** Steps {@code role}'s current optimizer has taken: since the network was last replaced. */
  long optimizerSteps(NetworkRole role) {
    return optimizerSteps.get(role);
  }

  /**
   * One optimizer step of {@code role}'s network: the updater turns the gradient in its buffer into the
   * update (Adam's bias correction reads the optimizer's step count), which is subtracted from the
   * parameters.
   */
  void applyUpdate(NetworkRole role, Gradient gradient, long batchSize) {
    MultiLayerNetwork network = network(role);
    updates.merge(role, 1L, Long::sum);
    long step = optimizerSteps.merge(role, 1L, Long::sum) - 1;
    network.getUpdater().update(network, gradient, (int) step, 0, (int) batchSize,
        LayerWorkspaceMgr.noWorkspaces());
    INDArray params = network.params();
    params.subi(network.getGradientsViewArray().reshape(params.shape()));
  }

  void restoreUpdates(long discriminator, long generator, long discriminatorOptimizer, long generatorOptimizer) {
    updates.put(NetworkRole.DISCRIMINATOR, discriminator);
    updates.put(NetworkRole.GENERATOR, generator);
    optimizerSteps.put(NetworkRole.DISCRIMINATOR, discriminatorOptimizer);
    optimizerSteps.put(NetworkRole.GENERATOR, generatorOptimizer);
  }

  /** The learning rate set last for {@code role}'s network, else its configured one. */
  double learningRate(NetworkRole role, double configured) {
    return learningRates.getOrDefault(role, configured);
  }

  /** Sets {@code role}'s learning rate; DL4J is told only when it changes. */
  void setLearningRate(NetworkRole role, double learningRate) {
    Double current = learningRates.put(role, learningRate);
    if (current == null || current != learningRate) {
      network(role).setLearningRate(learningRate);
    }
  }

  NetworkSnapshot snapshot(NetworkRole role) {
    MultiLayerNetwork network = network(role);
    INDArray parameters = network.params().dup();
    INDArray updaterState = network.getUpdater().getStateViewArray();
    INDArray savedUpdater = updaterState == null ? null : updaterState.dup();
    long savedUpdates = updates.get(role);
    long savedOptimizerSteps = optimizerSteps.get(role);
    List<Map<String, INDArray>> regularizerState = regularizers.copyState(role);
    return new NetworkSnapshot() {
      @Override
      public NetworkRole role() {
        return role;
      }

      @Override
      public void restore() {
        MultiLayerNetwork live = network(role);
        live.params().assign(parameters);
        if (savedUpdater != null) {
          live.getUpdater().getStateViewArray().assign(savedUpdater);
        }
        updates.put(role, savedUpdates);
        optimizerSteps.put(role, savedOptimizerSteps);
        regularizers.restoreState(regularizerState);
      }
    };
  }

  /**
   * Replaces {@code role}'s network, tells the features, and rebuilds the twin and the critic. The new
   * network's optimizer starts at its first step, as a newly created one would, at the learning rate set
   * last (a learning-rate schedule set it before the replacement in this iteration).
   */
  void replace(NetworkRole role, MultiLayerNetwork network) {
    if (role == NetworkRole.DISCRIMINATOR && !discriminatorReplaceable) {
      throw new ModelException("the discriminator cannot be replaced while the loss reads its "
          + "intermediate features: those are cut from the discriminator being trained");
    }
    GanModel replaced = role == NetworkRole.GENERATOR ? GanModel.of(network, model.discriminator(), data)
        : GanModel.of(model.generator(), network, data);
    optimizerSteps.put(role, 0L);
    features.networkReplaced(role, network);
    use(replaced);
    Double learningRate = learningRates.get(role);
    if (learningRate != null) {
      network.setLearningRate(learningRate);
    }
  }
}
