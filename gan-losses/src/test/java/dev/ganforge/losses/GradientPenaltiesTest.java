package dev.ganforge.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganforge.api.NetworkParameters;
import dev.ganforge.api.RandomSource;
import dev.ganforge.api.regularizer.Critic;
import dev.ganforge.api.regularizer.Penalty;
import dev.ganforge.api.regularizer.RegularizationStep;
import dev.ganforge.api.regularizer.Regularizer;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.core.engine.DiscriminatorCritic;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.testing.PluginContracts;
import dev.ganforge.core.testing.TestRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import dev.ganforge.layers.minibatch.MinibatchStandardDeviation;
import dev.ganforge.layers.spectral.SpectralConvolution;
import dev.ganforge.layers.spectral.SpectralDense;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The gradient penalties: discovery, configs, closed forms on a linear critic (which also pins the norm
 * to one sample: a norm over the whole batch would be sqrt(n) times larger), values and parameter
 * gradients against an independent float64 reference ({@link PenaltyReference}: anchors from the papers'
 * formulas, input gradients by plain backprop, every parameter moved) for smooth, LeakyReLU, dropout,
 * spectrally normalized, batch-normalized and minibatch-stddev critics trained in float32, and kinks
 * against a closed form ({@link KinkedCritic}).
 */
final class GradientPenaltiesTest {
  private static final int BATCH = 16;

  @ParameterizedTest
  @ValueSource(strings = {"gradient-penalty", "dragan", "r1", "r2", "drift"})
  void isDiscoveredByServiceLoader(String type) {
    assertThat(PluginContracts.assertDiscovered(PluginKind.REGULARIZER, type, Object.class).origin())
        .isEqualTo("gan-losses");
  }

  @Test
  void configsRoundTripWithDefaults() {
    PluginContracts.assertRoundTrip(RegularizerConfig.class, "{type: gradient-penalty}",
        new GradientPenalty.Config(10.0, 1.0, 1));
    PluginContracts.assertRoundTrip(RegularizerConfig.class, "{type: dragan, weight: 5, every: 4}",
        new Dragan.Config(5.0, 0.5, 4));
    PluginContracts.assertRoundTrip(RegularizerConfig.class, "{type: r1, gamma: 0.1, every: 16}",
        new R1Penalty.Config(0.1, 16));
    PluginContracts.assertRoundTrip(RegularizerConfig.class, "{type: r2}", new R2Penalty.Config(10.0, 1));
  }

  @Test
  void linearCriticHasClosedFormPenaltiesWithPerSampleNorms() {
    // D(x) = w . x + b with |w| = 5: every sample's input gradient is w.
    MultiLayerNetwork linear = network(DataType.DOUBLE, 2, Activation.IDENTITY, 0);
    linear.setParams(Nd4j.createFromArray(3.0, 4.0, 0.5).reshape(1, 3));
    INDArray real = Nd4j.rand(DataType.DOUBLE, BATCH, 2);
    INDArray fake = Nd4j.rand(DataType.DOUBLE, BATCH, 2);

    Penalty gp = penalty(new GradientPenalty(new GradientPenalty.Config(10.0, 1.0, 1)), linear, real, fake);
    assertThat(gp.value()).isCloseTo(10 * 16, within(1e-9)); // 10 (5 - 1)^2
    // d/dw 10 (|w| - 1)^2 = 20 (|w| - 1) w / |w| = 16 w
    assertThat(gp.parameterGradient().orElseThrow().toDoubleVector())
        .containsExactly(new double[] {48, 64, 0}, within(1e-6));

    Penalty r1 = penalty(new R1Penalty(new R1Penalty.Config(2.0, 1)), linear, real, fake);
    assertThat(r1.value()).isCloseTo(25, within(1e-9)); // 2 / 2 * 25
    assertThat(r1.parameterGradient().orElseThrow().toDoubleVector())
        .containsExactly(new double[] {6, 8, 0}, within(1e-6)); // gamma w
    assertThat(penalty(new R2Penalty(new R2Penalty.Config(2.0, 1)), linear, real, fake).value())
        .isCloseTo(25, within(1e-9));
    assertThat(penalty(new Dragan(new Dragan.Config(10.0, 0.5, 1)), linear, real, fake).value())
        .isCloseTo(160, within(1e-9));
  }

  /**
   * Karras et al.'s drift term, epsilon * E[D(x)^2] on real samples, for D(x) = w . x + b: d/dw =
   * 2 epsilon E[D(x) x], d/db = 2 epsilon E[D(x)], worked out per sample here.
   */
  @Test
  void driftPenaltyMatchesItsClosedFormOnALinearCritic() {
    MultiLayerNetwork linear = network(DataType.DOUBLE, 2, Activation.IDENTITY, 0);
    linear.setParams(Nd4j.createFromArray(3.0, 4.0, 0.5).reshape(1, 3));
    INDArray real = Nd4j.rand(DataType.DOUBLE, BATCH, 2);
    double epsilon = 0.001;
    double value = 0;
    double[] gradient = new double[3];
    for (int i = 0; i < BATCH; i++) {
      double x0 = real.getDouble(i, 0);
      double x1 = real.getDouble(i, 1);
      double score = 3 * x0 + 4 * x1 + 0.5;
      value += epsilon * score * score / BATCH;
      gradient[0] += 2 * epsilon * score * x0 / BATCH;
      gradient[1] += 2 * epsilon * score * x1 / BATCH;
      gradient[2] += 2 * epsilon * score / BATCH;
    }

    Penalty drift = penalty(new DriftPenalty(new DriftPenalty.Config(epsilon, 1)), linear, real,
        Nd4j.rand(DataType.DOUBLE, BATCH, 2));

    assertThat(drift.value()).isCloseTo(value, within(1e-15));
    assertThat(drift.parameterGradient().orElseThrow().toDoubleVector()).containsExactly(gradient, within(1e-15));
    PluginContracts.assertRoundTrip(RegularizerConfig.class, "{type: drift}", new DriftPenalty.Config(0.001, 1));
  }

  @Test
  void penaltiesLookAtTheirOwnAnchors() {
    // D(x) = sum tanh(x): the gradient norm depends on where it is taken.
    MultiLayerNetwork critic = network(DataType.DOUBLE, 2, Activation.TANH, 7);
    INDArray real = Nd4j.rand(DataType.DOUBLE, BATCH, 2);
    INDArray fake = Nd4j.rand(DataType.DOUBLE, BATCH, 2).addi(3);
    Function<INDArray, Double> r1At = x -> penalty(new R1Penalty(new R1Penalty.Config(1.0, 1)), critic, x, x).value();

    assertThat(penalty(new R1Penalty(new R1Penalty.Config(1.0, 1)), critic, real, fake).value())
        .isEqualTo(r1At.apply(real));
    assertThat(penalty(new R2Penalty(new R2Penalty.Config(1.0, 1)), critic, real, fake).value())
        .isEqualTo(r1At.apply(fake));
    // Interpolates between identical batches are that batch: WGAN-GP with target 0 is then 2 R1.
    Penalty gp = penalty(new GradientPenalty(new GradientPenalty.Config(1.0, 0.0, 1)), critic, real, real);
    assertThat(gp.value()).isCloseTo(2 * r1At.apply(real), within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"leaky-relu-mlp", "smooth-mlp", "leaky-relu-conv", "dropout-mlp", "spectral-conv",
      "batch-norm-mlp", "minibatch-stddev-conv"})
  void valuesAndParameterGradientsMatchAnIndependentFloat64Reference(String criticKind) {
    MultiLayerNetwork critic32 = switch (criticKind) {
      case "leaky-relu-mlp" -> network(DataType.FLOAT, 2, Activation.LEAKYRELU, 3);
      case "smooth-mlp" -> network(DataType.FLOAT, 2, Activation.SOFTPLUS, 4);
      case "dropout-mlp" -> dropoutNetwork(DataType.FLOAT);
      case "spectral-conv" -> spectralNetwork();
      case "batch-norm-mlp" -> batchNormNetwork();
      case "minibatch-stddev-conv" -> minibatchStddevNetwork();
      default -> convNetwork(DataType.FLOAT);
    };
    long[] sample = criticKind.endsWith("conv") ? new long[] {BATCH, 1, 6, 6} : new long[] {BATCH, 2};
    INDArray real = Nd4j.randn(DataType.FLOAT, sample);
    INDArray fake = Nd4j.randn(DataType.FLOAT, sample).muli(0.5).addi(0.3);
    if (criticKind.startsWith("spectral")) {
      // Converge u, so that the reference's W moves change sigma only through W (|W u| is stationary in
      // u at the top singular vector) and the layer's gradient, which holds u constant, is the derivative.
      for (int i = 0; i < 300; i++) {
        critic32.output(real, true);
      }
    }
    INDArray stateBefore = critic32.params().dup();

    for (Regularizer regularizer : new Regularizer[] {
        new GradientPenalty(new GradientPenalty.Config(10.0, 1.0, 1)),
        new Dragan(new Dragan.Config(10.0, 0.5, 1)),
        new R1Penalty(new R1Penalty.Config(10.0, 1)),
        new R2Penalty(new R2Penalty.Config(10.0, 1))}) {
      String what = criticKind + ", " + regularizer.getClass().getSimpleName();
      // ND4J's generator (dropout masks) as the engine leaves it: reseeded before every iteration.
      Nd4j.getRandom().setSeed(99);
      Map<String, Double> recorded = new HashMap<>();
      Penalty penalty = regularizer.penalty(step(critic32, real, fake, new TestRandom(11), recorded::put));
      assertThat(critic32.params()).as(what + ": the critic's parameters and state after the penalty")
          .isEqualTo(stateBefore);
      assertThat(recorded).as(what + ": no kink was crossed")
          .containsEntry("smaller-steps", 0.0).containsEntry("dropped-samples", 0.0);

      PenaltyReference reference = new PenaltyReference(critic32.convertDataType(DataType.DOUBLE), 10.0);
      Nd4j.getRandom().setSeed(99);
      long maskSeed = Nd4j.getRandom().nextLong(); // the masks the penalty's passes share
      INDArray anchors = PenaltyReference.anchors(regularizer, real, fake, new TestRandom(11));
      assertThat(penalty.value()).as(what + ": value")
          .isCloseTo(reference.value(anchors, maskSeed, regularizer), within(1e-6 * Math.abs(penalty.value())));

      INDArray expected = reference.parameterGradient(anchors, maskSeed, regularizer);
      INDArray analytic = penalty.parameterGradient().orElseThrow().castTo(DataType.DOUBLE);
      double error = analytic.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
      assertThat(error).as(what + ": relative L2 error of the parameter gradient").isLessThan(1e-4);
      assertThat(expected.norm2Number().doubleValue()).as("reference is not trivially zero").isGreaterThan(1e-3);
    }
  }

  @Test
  void aKinkCrossedByTheStepIsDetectedAndTheDifferenceRetakenWithASmallerStep() {
    KinkedCritic kinked = KinkedCritic.withFirstUnitAt(3e-9);
    Map<String, Double> recorded = new HashMap<>();
    Penalty r1 = new R1Penalty(new R1Penalty.Config(1.0, 1))
        .penalty(step(kinked.network(), kinked.anchors(), kinked.anchors(), new TestRandom(1), recorded::put));

    assertThat(recorded).containsEntry("smaller-steps", 1.0).containsEntry("dropped-samples", 0.0);
    assertThat(relativeError(r1, kinked.closedFormGradient(-1))).isLessThan(1e-4);
  }

  @Test
  void aSampleOnAKinkIsDroppedFromTheParameterGradient() {
    KinkedCritic kinked = KinkedCritic.withFirstUnitAt(0);
    Map<String, Double> recorded = new HashMap<>();
    Penalty r1 = new R1Penalty(new R1Penalty.Config(1.0, 1))
        .penalty(step(kinked.network(), kinked.anchors(), kinked.anchors(), new TestRandom(1), recorded::put));

    assertThat(recorded).containsEntry("smaller-steps", 1.0).containsEntry("dropped-samples", 1.0);
    assertThat(relativeError(r1, kinked.closedFormGradient(0))).isLessThan(1e-4);
  }

  private static double relativeError(Penalty penalty, INDArray expected) {
    return penalty.parameterGradient().orElseThrow().sub(expected).norm2Number().doubleValue()
        / expected.norm2Number().doubleValue();
  }

  private static Penalty penalty(Regularizer regularizer, MultiLayerNetwork critic, INDArray real, INDArray fake) {
    return regularizer.penalty(step(critic, real, fake, new TestRandom(5), (name, value) -> {}));
  }

  private static RegularizationStep step(MultiLayerNetwork network, INDArray real, INDArray fake,
      RandomSource random, BiConsumer<String, Double> recorder) {
    Critic critic = DiscriminatorCritic.of(network);
    return new RegularizationStep() {
      @Override
      public void record(String name, double value) {
        recorder.accept(name, value);
      }

      @Override
      public long step() {
        return 0;
      }

      @Override
      public INDArray realBatch() {
        return real;
      }

      @Override
      public INDArray fakeBatch() {
        return fake;
      }

      @Override
      public Critic critic() {
        return critic;
      }

      @Override
      public NetworkParameters parameters() {
        return FlatParameters.of(network.params());
      }

      @Override
      public RandomSource random() {
        return random;
      }
    };
  }

  /** Two hidden layers of 12, one score; {@code hidden == 0}: a single linear layer. */
  private static MultiLayerNetwork network(DataType dataType, int inputs, Activation activation, int seedOrZero) {
    NeuralNetConfiguration.ListBuilder layers = base(dataType, seedOrZero).list();
    if (seedOrZero == 0) {
      layers.layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build());
    } else {
      layers.layer(new DenseLayer.Builder().nOut(12).activation(activation).build())
          .layer(new DenseLayer.Builder().nOut(12).activation(activation).build())
          .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build());
    }
    MultiLayerConfiguration configuration = layers.setInputType(InputType.feedForward(inputs)).build();
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    return network;
  }

  /** A LeakyReLU MLP with dropout (keep 0.7) on its hidden layers: the penalty passes must share masks. */
  private static MultiLayerNetwork dropoutNetwork(DataType dataType) {
    MultiLayerConfiguration configuration = base(dataType, 6).list()
        .layer(new DenseLayer.Builder().nOut(12).activation(Activation.LEAKYRELU).dropOut(0.7).build())
        .layer(new DenseLayer.Builder().nOut(12).activation(Activation.LEAKYRELU).dropOut(0.7).build())
        .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
        .setInputType(InputType.feedForward(2))
        .build();
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    return network;
  }

  /** The standard WGAN-GP critic shape, shrunk: a LeakyReLU convolution, then a LeakyReLU dense layer. */
  private static MultiLayerNetwork convNetwork(DataType dataType) {
    MultiLayerConfiguration configuration = base(dataType, 9).list()
        .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).activation(Activation.LEAKYRELU).build())
        .layer(new DenseLayer.Builder().nOut(8).activation(Activation.LEAKYRELU).build())
        .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutional(6, 6, 1))
        .build();
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    return network;
  }

  /** Spectral normalization on every layer: each training-mode pass advances u. */
  private static MultiLayerNetwork spectralNetwork() {
    MultiLayerConfiguration configuration = base(DataType.FLOAT, 5).list()
        .layer(new SpectralConvolution(
            new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).activation(Activation.LEAKYRELU)))
        .layer(new SpectralDense(8, Activation.LEAKYRELU.getActivationFunction(),
            WeightInit.XAVIER.getWeightInitFunction(), true))
        .layer(new SpectralDense(1, Activation.IDENTITY.getActivationFunction(),
            WeightInit.XAVIER.getWeightInitFunction(), true))
        .setInputType(InputType.convolutional(6, 6, 1))
        .build();
    return initialized(configuration);
  }

  /** Batch norm couples the samples and keeps running statistics that backprop reports as pseudo-gradients. */
  private static MultiLayerNetwork batchNormNetwork() {
    MultiLayerConfiguration configuration = base(DataType.FLOAT, 8).list()
        .layer(new DenseLayer.Builder().nOut(12).activation(Activation.IDENTITY).build())
        .layer(new BatchNormalization.Builder().build())
        .layer(new ActivationLayer(Activation.LEAKYRELU))
        .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
        .setInputType(InputType.feedForward(2))
        .build();
    return initialized(configuration);
  }

  /** Minibatch standard deviation (groups of 4) couples the samples through a statistic of the batch. */
  private static MultiLayerNetwork minibatchStddevNetwork() {
    MultiLayerConfiguration configuration = base(DataType.FLOAT, 10).list()
        .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).activation(Activation.LEAKYRELU).build())
        .layer(new MinibatchStandardDeviation(4, 1e-8))
        .layer(new DenseLayer.Builder().nOut(8).activation(Activation.LEAKYRELU).build())
        .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
        .setInputType(InputType.convolutional(6, 6, 1))
        .build();
    return initialized(configuration);
  }

  private static MultiLayerNetwork initialized(MultiLayerConfiguration configuration) {
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    return network;
  }

  private static NeuralNetConfiguration.Builder base(DataType dataType, long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(dataType)
        .weightInit(WeightInit.XAVIER)
        .updater(new Sgd(0.1))
        .miniBatch(false)
        .trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE);
  }
}
