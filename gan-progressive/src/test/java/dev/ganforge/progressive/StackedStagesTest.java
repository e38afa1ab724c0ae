package dev.ganforge.progressive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.InvalidConfigException;
import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.layer.LayerConfig;
import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.api.schedule.Iteration;
import dev.ganforge.api.schedule.NetworkSnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Stacked GANs: the stage layer, the stages cut from a stacked generator (a 4x4 stage, then a stage
 * refining it to 8x8), and the real images each stage trains on, computed by hand.
 */
final class StackedStagesTest {
  private static final long[] SAMPLE = {1, 8, 8};

  /** z -> dense -> 2x4x4 -> 1x4x4 image | stage (2 noise planes) -> upsample -> conv -> 1x8x8 image. */
  private static MultiLayerNetwork stackedGenerator() {
    MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
        .seed(4)
        .dataType(DataType.DOUBLE)
        .updater(new Adam(1e-3))
        .convolutionMode(ConvolutionMode.Same)
        .trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE)
        .list()
        .layer(0, new DenseLayer.Builder().nOut(32).activation(Activation.TANH).name("g0").build())
        .layer(1, new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.TANH).name("g1").build())
        .layer(2, named(new StageInput(2), "g2"))
        .layer(3, new Upsampling2D.Builder().size(2).name("g3").build())
        .layer(4, new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.TANH).name("g4").build())
        .inputPreProcessor(1, new FeedForwardToCnnPreProcessor(4, 4, 2))
        .setInputType(InputType.feedForward(3))
        .build());
    network.init();
    return network;
  }

  private static StageInput named(StageInput layer, String name) {
    layer.setLayerName(name);
    return layer;
  }

  private static List<String> names(MultiLayerNetwork network) {
    return network.getLayerWiseConfigurations().getConfs().stream().map(c -> c.getLayer().getLayerName()).toList();
  }

  @Test
  void theScheduleAndTheLayerAreDiscoveredAndTheirConfigsRoundTrip() {
    PluginContracts.assertDiscovered(PluginKind.SCHEDULE, "stacked", StackedSchedule.Provider.class);
    PluginContracts.assertDiscovered(PluginKind.LAYER, "stage", StageLayer.Provider.class);
    PluginContracts.assertRoundTrip(ScheduleConfig.class, "{type: stacked, stageSteps: [1000]}",
        new StackedSchedule.Config(List.of(1000L), null, 1, false));
    PluginContracts.assertRoundTrip(LayerConfig.class, "{type: stage}", new StageLayer.Config(1));
    assertThatThrownBy(() -> new StackedSchedule.Config(List.of(), null, null, null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("e.g. [1000] for two stages");
  }

  @Test
  void theEarlierStagesComeFromStageStepsOrFromAnotherRunNotBoth() {
    StackedSchedule.Provider provider = new StackedSchedule.Provider();
    assertThatThrownBy(() -> provider.create(new StackedSchedule.Config(null, null, null, null), null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("or name a run that trained them with from")
        .satisfies(e -> assertThat(((InvalidConfigException) e).field()).isEqualTo("stageSteps"));
    assertThatThrownBy(() -> provider.create(new StackedSchedule.Config(List.of(10L), "runs/a", null, null), null))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("drop one");
  }

  @Test
  void withFromTheRunStartsAtTheLastStageOnTheOtherRunsTrainedStages() {
    StackedSchedule schedule = new StackedSchedule(new StackedSchedule.Config(null, "runs/stage-one", 1, null), SAMPLE);
    StubIteration iteration = new StubIteration(stackedGenerator(), Networks.discriminator(false));
    MultiLayerNetwork other = StageNetworks.of(stackedGenerator(), SAMPLE).generator(0, stackedGenerator());
    other.params().addi(0.5); // as if the other run had trained stage 1
    iteration.otherRun = other;

    schedule.beforeIteration(iteration.at(0));

    assertThat(iteration.requestedRun).isEqualTo(java.nio.file.Path.of("runs/stage-one"));
    assertThat(iteration.recorded).containsExactly(2.0, 8.0);
    MultiLayerNetwork generator = iteration.networks.get(NetworkRole.GENERATOR);
    assertThat(names(generator)).containsExactly("g0", "g1", "g2", "g3", "g4");
    for (int layer = 0; layer < 2; layer++) {
      assertThat(generator.getLayer(layer).params()).isEqualTo(other.getLayer(layer).params());
    }

    StackedSchedule unmatched = new StackedSchedule(new StackedSchedule.Config(null, "runs/other", 1, null), SAMPLE);
    iteration.otherRun = Networks.generator(); // g0 alike, g1 with 2 filters where stage 1 has 1
    assertThatThrownBy(() -> unmatched.beforeIteration(iteration.at(0)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("run runs/other's generator has no layers [g1]");
  }

  @Test
  void theStageLayerPutsNoisePlanesAfterTheImageOrAfterItsCondition() {
    MultiLayerNetwork generator = stackedGenerator();
    StageInput.Runtime stage = (StageInput.Runtime) generator.getLayer(2);
    INDArray image = Nd4j.rand(DataType.DOUBLE, 500, 1, 4, 4);

    INDArray out = stage.activate(image, true, LayerWorkspaceMgr.noWorkspaces());

    assertThat(out.shape()).containsExactly(500, 3, 4, 4);
    assertThat(out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1))).isEqualTo(image);
    INDArray noise = out.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
    // 16,000 standard normal draws: mean within 4.5 standard errors (1/sqrt(16000) = 0.0079) of 0.
    assertThat(noise.meanNumber().doubleValue()).isCloseTo(0, within(0.035));
    assertThat(noise.stdNumber().doubleValue()).isCloseTo(1, within(0.035));
    INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 500, 3, 4, 4);
    assertThat(stage.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond())
        .as("without a condition the image planes' gradient reaches the stage before")
        .isEqualTo(epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)));

    INDArray condition = Nd4j.rand(DataType.DOUBLE, 500, 1, 4, 4);
    StageInput.condition(generator, 2, condition);
    INDArray conditioned = stage.activate(image, true, LayerWorkspaceMgr.noWorkspaces());
    assertThat(conditioned.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1))).isEqualTo(condition);
    assertThat(stage.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces()).getSecond())
        .as("with a condition nothing reaches the frozen stage").isEqualTo(Nd4j.zeros(DataType.DOUBLE, 500, 1, 4, 4));
    assertThatThrownBy(() -> stage.activate(image.get(NDArrayIndex.interval(0, 3)), false,
        LayerWorkspaceMgr.noWorkspaces())).hasMessageContaining("[500, 1, 4, 4]");
  }

  @Test
  void theFirstStageIsTheLayersBeforeTheStageLayerUpsampledToTheDataSize() {
    MultiLayerNetwork full = stackedGenerator();
    StageNetworks stages = StageNetworks.of(full, SAMPLE);

    MultiLayerNetwork first = stages.generator(0, full);

    assertThat(stages.stageCount()).isEqualTo(2);
    assertThat(names(first)).containsExactly("g0", "g1", "stacked-upscale");
    INDArray z = Nd4j.randn(DataType.DOUBLE, 2, 3);
    INDArray small = full.feedForwardToLayer(1, z, false).get(2);
    INDArray out = first.output(z, false);
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        assertThat(out.getDouble(1, 0, i, j)).isEqualTo(small.getDouble(1, 0, i / 2, j / 2));
      }
    }
  }

  @Test
  void aLaterStageFreezesTheEarlierStagesAtTheWeightsTheyWereTrainedTo() {
    MultiLayerNetwork full = stackedGenerator();
    StageNetworks stages = StageNetworks.of(full, SAMPLE);
    MultiLayerNetwork trained = stages.generator(0, full);
    trained.params().addi(0.25); // as if stage 1 had trained

    MultiLayerNetwork second = stages.generator(1, trained);

    assertThat(names(second)).containsExactly("g0", "g1", "g2", "g3", "g4");
    for (int layer = 0; layer < 2; layer++) {
      assertThat(second.getLayer(layer).params()).as("layer " + layer).isEqualTo(trained.getLayer(layer).params());
      assertThat(second.getLayer(layer).conf().getLayer().getUpdaterByParam("W")).isInstanceOf(NoOp.class);
      assertThat(second.getLayer(layer).conf().getLayer().getUpdaterByParam("b")).isInstanceOf(NoOp.class);
    }
    assertThat(second.getLayer(4).params()).as("the new stage starts from the config's weights")
        .isEqualTo(full.getLayer(4).params());
    assertThat(second.getLayer(4).conf().getLayer().getUpdaterByParam("W")).isInstanceOf(Adam.class);
  }

  @Test
  void aGeneratorWithoutStageLayersIsRefusedSayingWhatToAdd() {
    assertThatThrownBy(() -> StageNetworks.of(Networks.generator(), SAMPLE))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("{type: stage}");
  }

  @Test
  void eachStageTrainsOnTheRealImagesAtItsResolutionAndALaterStageRefinesThePreviousResolution() {
    StackedSchedule schedule = new StackedSchedule(new StackedSchedule.Config(List.of(2L), null, 1, null), SAMPLE);
    StubIteration iteration = new StubIteration(stackedGenerator(), Networks.discriminator(false));
    INDArray data = Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8);

    schedule.beforeIteration(iteration.at(0));
    INDArray first = schedule.realBatch(data);
    schedule.beforeIteration(iteration.at(2));
    INDArray second = schedule.realBatch(data);

    assertThat(iteration.recorded).containsExactly(1.0, 4.0, 2.0, 8.0);
    assertThat(second).as("the last stage sees the data as it is").isEqualTo(data);
    INDArray condition = ((StageInput.Runtime) iteration.networks.get(NetworkRole.GENERATOR).getLayer(2)).condition();
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        double mean = 0;
        for (int u = 0; u < 2; u++) {
          for (int v = 0; v < 2; v++) {
            mean += data.getDouble(1, 0, i / 2 * 2 + u, j / 2 * 2 + v) / 4;
          }
        }
        assertThat(first.getDouble(1, 0, i, j)).isCloseTo(mean, within(1e-15));
        assertThat(condition.getDouble(1, 0, i / 2, j / 2)).isCloseTo(mean, within(1e-15));
      }
    }
    schedule.afterUpdate(NetworkRole.GENERATOR, iteration);
    assertThat(((StageInput.Runtime) iteration.networks.get(NetworkRole.GENERATOR).getLayer(2)).condition())
        .as("dropped after the generator's update").isNull();
  }

  @Test
  void aConditionedLaterStageDiscriminatorJudgesEachImageBesideTheLowResolutionImageTheGeneratorRefined() {
    StackedSchedule schedule = new StackedSchedule(new StackedSchedule.Config(List.of(2L), null, 1, true), SAMPLE);
    MultiLayerNetwork configured = Networks.discriminator(false);
    StubIteration iteration = new StubIteration(stackedGenerator(), configured);
    INDArray data = Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8);

    schedule.beforeIteration(iteration.at(0));
    assertThat(names(iteration.networks.get(NetworkRole.DISCRIMINATOR))).as("stage 1 has nothing to be conditioned on")
        .containsExactly("d0", "d1", "d2", "d3", "d4");
    schedule.beforeIteration(iteration.at(2));
    schedule.realBatch(data);

    MultiLayerNetwork discriminator = iteration.networks.get(NetworkRole.DISCRIMINATOR);
    assertThat(names(discriminator)).containsExactly("stacked-condition", "d0", "d1", "d2", "d3", "d4");
    assertThat(discriminator.getLayer(1).getParam("W").shape()).as("d0 reads image and low-resolution planes")
        .containsExactly(2, 2, 1, 1);
    for (int layer = 2; layer < 6; layer++) {
      assertThat(discriminator.getLayer(layer).params()).as("a fresh discriminator: the config's initial weights")
          .isEqualTo(configured.getLayer(layer - 1).params());
    }
    // The engine scores fakes with a twin built from a clone of the discriminator's configuration.
    MultiLayerNetwork twin = new MultiLayerNetwork(discriminator.getLayerWiseConfigurations().clone());
    twin.init(discriminator.params(), false);
    INDArray fake = Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8);
    INDArray seen = twin.feedForwardToLayer(0, fake, false).get(1);
    assertThat(seen.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1))).isEqualTo(fake);
    assertThat(seen.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2))).as("the real batch's 4x4 image, upsampled")
        .satisfies(planes -> assertThat(maxDifference(planes, blockMeans(data))).isLessThan(1e-15));

    schedule.afterUpdate(NetworkRole.GENERATOR, iteration);
    INDArray alone = twin.feedForwardToLayer(0, fake, false).get(1);
    assertThat(alone.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2)))
        .as("outside a training step the discriminator pools the image it judges")
        .satisfies(planes -> assertThat(maxDifference(planes, blockMeans(fake))).isLessThan(1e-15));
  }

  @Test
  void theStageConditionsGradientIsThatOfItsForwardPassByFiniteDifferences() {
    MultiLayerNetwork discriminator = StageNetworks.of(stackedGenerator(), SAMPLE)
        .conditionedDiscriminator(1, Networks.discriminator(false));
    StageCondition.Runtime layer = (StageCondition.Runtime) discriminator.getLayer(0);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8);
    INDArray weights = Nd4j.rand(DataType.DOUBLE, 2, 2, 8, 8);
    for (INDArray given : java.util.Arrays.asList(Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8), null)) {
      StageCondition.condition(discriminator, given);
      layer.activate(x, true, LayerWorkspaceMgr.noWorkspaces());
      INDArray gradient = layer.backpropGradient(weights, LayerWorkspaceMgr.noWorkspaces()).getSecond();
      // f(x) = sum(weights * layer(x)) is linear in x: central differences are exact up to rounding.
      double h = 1e-3;
      for (int i = 0; i < x.length(); i++) {
        INDArray up = x.dup();
        INDArray down = x.dup();
        up.putScalar(i, x.getDouble(i) + h);
        down.putScalar(i, x.getDouble(i) - h);
        double difference = (weights.mul(layer.activate(up, false, LayerWorkspaceMgr.noWorkspaces())).sumNumber()
            .doubleValue() - weights.mul(layer.activate(down, false, LayerWorkspaceMgr.noWorkspaces())).sumNumber()
            .doubleValue()) / (2 * h);
        assertThat(gradient.getDouble(i)).as("given " + (given != null) + ", element " + i)
            .isCloseTo(difference, within(1e-10));
      }
    }
  }

  /** Each pixel of {@code images} [n, 1, 8, 8] replaced by the mean of its 2x2 block. */
  private static INDArray blockMeans(INDArray images) {
    INDArray means = Nd4j.zeros(DataType.DOUBLE, images.shape());
    for (int n = 0; n < images.size(0); n++) {
      for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 8; j++) {
          double mean = 0;
          for (int u = 0; u < 2; u++) {
            for (int v = 0; v < 2; v++) {
              mean += images.getDouble(n, 0, i / 2 * 2 + u, j / 2 * 2 + v) / 4;
            }
          }
          means.putScalar(new long[] {n, 0, i, j}, mean);
        }
      }
    }
    return means;
  }

  private static double maxDifference(INDArray a, INDArray b) {
    return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
  }

  @Test
  void theStagesMustLeaveTheLastOneSteps() {
    StackedSchedule schedule = new StackedSchedule(new StackedSchedule.Config(List.of(4L), null, 1, null), SAMPLE);
    StubIteration iteration = new StubIteration(stackedGenerator(), Networks.discriminator(false));

    assertThatThrownBy(() -> schedule.beforeIteration(iteration.at(0)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("training.steps 4");
  }

  /** The few primitives the stacked schedule calls before an iteration, over 4 steps. */
  private static final class StubIteration implements Iteration {
    final Map<NetworkRole, MultiLayerNetwork> initial = new EnumMap<>(NetworkRole.class);
    final Map<NetworkRole, MultiLayerNetwork> networks = new EnumMap<>(NetworkRole.class);
    final List<Double> recorded = new ArrayList<>();
    MultiLayerNetwork otherRun;
    java.nio.file.Path requestedRun;
    private long step;

    StubIteration(MultiLayerNetwork generator, MultiLayerNetwork discriminator) {
      initial.put(NetworkRole.GENERATOR, generator);
      initial.put(NetworkRole.DISCRIMINATOR, discriminator);
      networks.putAll(initial);
    }

    StubIteration at(long step) {
      this.step = step;
      return this;
    }

    @Override public long step() { return step; }
    @Override public long totalSteps() { return 4; }
    @Override public int batchSize() { return 2; }
    @Override public MultiLayerNetwork network(NetworkRole role) { return networks.get(role); }
    @Override public void replaceNetwork(NetworkRole role, MultiLayerNetwork network) { networks.put(role, network); }
    @Override public MultiLayerNetwork initialNetwork(NetworkRole role) { return initial.get(role).clone(); }
    @Override public void record(String name, double value) { recorded.add(value); }
    @Override public MultiLayerNetwork checkpointedNetwork(java.nio.file.Path run, NetworkRole role) {
      requestedRun = run;
      return otherRun;
    }
    @Override public void discriminatorStep() { throw new UnsupportedOperationException(); }
    @Override public void lookAheadDiscriminatorStep() { throw new UnsupportedOperationException(); }
    @Override public void generatorStep() { throw new UnsupportedOperationException(); }
    @Override public INDArray discriminatorScores(INDArray samples) { throw new UnsupportedOperationException(); }
    @Override public NetworkSnapshot snapshot(NetworkRole role) { throw new UnsupportedOperationException(); }
    @Override public long updates(NetworkRole role) { throw new UnsupportedOperationException(); }
    @Override public double configuredLearningRate(NetworkRole role) { throw new UnsupportedOperationException(); }
    @Override public double learningRate(NetworkRole role) { throw new UnsupportedOperationException(); }
    @Override public void setLearningRate(NetworkRole role, double rate) { throw new UnsupportedOperationException(); }
    @Override public RandomSource random() { throw new UnsupportedOperationException(); }
  }
}
