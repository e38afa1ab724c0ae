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
import java.util.function.Function;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
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
 * to one sample: a norm over the whole batch would be sqrt(n) times larger), and the parameter gradient
 * against a float64 brute force for smooth and LeakyReLU critics trained in float32.
 *
 * <p>Reference: every parameter of a float64 copy of the critic moved by +-1e-6, the penalty recomputed
 * from exact (backpropagated) input gradients, central difference. Its own error: truncation
 * O(1e-12) for smooth critics; for LeakyReLU critics the input gradient is piecewise constant in the
 * parameters, so the difference is exact unless a +-1e-6 move crosses a kink, which these fixed seeds
 * do not (a crossing would show as an error of order one, not a small drift). Tolerance 1e-4 relative
 * (L2 over all parameters), the requirement; the implementation is expected near 1e-8.
 */
final class GradientPenaltiesTest {
  private static final int BATCH = 16;

  @ParameterizedTest
  @ValueSource(strings = {"gradient-penalty", "dragan", "r1", "r2"})
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
  @ValueSource(strings = {"leaky-relu-mlp", "smooth-mlp", "leaky-relu-conv", "dropout-mlp"})
  void parameterGradientsMatchFloat64BruteForceAtFloat32TrainingPrecision(String criticKind) {
    MultiLayerNetwork critic32 = switch (criticKind) {
      case "leaky-relu-mlp" -> network(DataType.FLOAT, 2, Activation.LEAKYRELU, 3);
      case "smooth-mlp" -> network(DataType.FLOAT, 2, Activation.SOFTPLUS, 4);
      case "dropout-mlp" -> dropoutNetwork(DataType.FLOAT);
      default -> convNetwork(DataType.FLOAT);
    };
    long[] sample = criticKind.endsWith("conv") ? new long[] {BATCH, 1, 6, 6} : new long[] {BATCH, 2};
    INDArray real = Nd4j.randn(DataType.FLOAT, sample);
    INDArray fake = Nd4j.randn(DataType.FLOAT, sample).muli(0.5).addi(0.3);

    for (Regularizer regularizer : new Regularizer[] {
        new GradientPenalty(new GradientPenalty.Config(10.0, 1.0, 1)),
        new Dragan(new Dragan.Config(10.0, 0.5, 1)),
        new R1Penalty(new R1Penalty.Config(10.0, 1)),
        new R2Penalty(new R2Penalty.Config(10.0, 1))}) {
      // Same random draws for the penalty and for the reference's anchors.
      RecordingRandom draws = new RecordingRandom(11);
      // ND4J's generator (dropout masks) as the engine leaves it: reseeded before every evaluation.
      Nd4j.getRandom().setSeed(99);
      Penalty penalty = regularizer.penalty(step(critic32, real, fake, draws));
      MultiLayerNetwork critic64 = critic32.convertDataType(DataType.DOUBLE);
      INDArray reference = bruteForce(regularizer, critic64, real, fake, draws.replay());

      INDArray analytic = penalty.parameterGradient().orElseThrow();
      double error = analytic.castTo(DataType.DOUBLE).sub(reference).norm2Number().doubleValue()
          / reference.norm2Number().doubleValue();
      assertThat(error).as(criticKind + ", " + regularizer.getClass().getSimpleName()
          + ": relative L2 error of the parameter gradient").isLessThan(1e-4);
      assertThat(reference.norm2Number().doubleValue()).as("reference is not trivially zero").isGreaterThan(1e-3);
    }
  }

  /** Central differences of the penalty over every parameter of a float64 critic. */
  private static INDArray bruteForce(Regularizer regularizer, MultiLayerNetwork critic64, INDArray real,
      INDArray fake, RandomSource draws) {
    double h = 1e-6;
    INDArray params = critic64.params();
    INDArray gradient = Nd4j.create(DataType.DOUBLE, 1, params.length());
    for (long j = 0; j < params.length(); j++) {
      double original = params.getDouble(j);
      params.putScalar(j, original + h);
      Nd4j.getRandom().setSeed(99);
      double plus = regularizer.penalty(step(critic64, real, fake, ((RecordingRandom) draws).replay())).value();
      params.putScalar(j, original - h);
      Nd4j.getRandom().setSeed(99);
      double minus = regularizer.penalty(step(critic64, real, fake, ((RecordingRandom) draws).replay())).value();
      params.putScalar(j, original);
      gradient.putScalar(j, (plus - minus) / (2 * h));
    }
    return gradient;
  }

  private static Penalty penalty(Regularizer regularizer, MultiLayerNetwork critic, INDArray real, INDArray fake) {
    return regularizer.penalty(step(critic, real, fake, new TestRandom(5)));
  }

  private static RegularizationStep step(MultiLayerNetwork network, INDArray real, INDArray fake,
      RandomSource random) {
    Critic critic = DiscriminatorCritic.of(network);
    return new RegularizationStep() {
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

  /** A seeded source that can replay its draws, so the reference sees the penalty's anchors. */
  private static final class RecordingRandom implements RandomSource {
    private final long seed;
    private TestRandom delegate;

    RecordingRandom(long seed) {
      this.seed = seed;
      this.delegate = new TestRandom(seed);
    }

    RecordingRandom replay() {
      return new RecordingRandom(seed);
    }

    @Override
    public INDArray normal(DataType dataType, long... shape) {
      return delegate.normal(dataType, shape);
    }

    @Override
    public INDArray uniform(DataType dataType, double low, double high, long... shape) {
      return delegate.uniform(dataType, low, high, shape);
    }

    @Override
    public double nextDouble() {
      return delegate.nextDouble();
    }

    @Override
    public int nextInt(int bound) {
      return delegate.nextInt(bound);
    }
  }
}
