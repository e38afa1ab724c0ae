package dev.ganforge.core.engine;

import dev.ganforge.api.NetworkRole;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import dev.ganforge.core.random.SplitMixRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The generator's gradient through {@code k} discriminator updates, as in Metz et al. 2017's notebook
 * (which differentiates the unrolled optimizer with TensorFlow's autodiff): with a fixed real batch x and
 * latent batch z, D's parameters after k optimizer steps on its loss, {@code theta_k(theta_G)}, and the
 * generator's loss there, {@code f(theta_G) = L_G(theta_G, theta_k(theta_G))}; this computes
 * {@code df/dtheta_G} including {@code (d theta_k / d theta_G)^T dL_G/d theta_k}.
 *
 * <p>What is differentiated: the k steps of D's own optimizer as DL4J applies them (Adam with its bias
 * correction and its moments m and v carried from the live discriminator, or plain SGD), each on the
 * gradient of the adversarial loss of the same x and G(z); the moments are differentiated too. Reverse
 * mode runs back through the steps with adjoints for the parameters and the moments; each step needs one
 * Hessian-vector product of D's loss, {@code grad_(theta_D, theta_G) (grad_theta_D L_D . w)}, taken as a
 * central difference of first derivatives along w (DL4J has no second-order autodiff), on float64 copies of
 * both networks, with the step at 1e-7 of the parameters' scale as for the input-gradient penalties. Not
 * in the map: regularizers' penalties and input transforms on D (the unrolled steps use the adversarial
 * loss only). Cost: 3k + 1 forward and backward passes of D per generator update, and one of G (its
 * backward pass is linear in d/dfakes, so the products' contributions are summed before it).
 */
final class UnrolledGeneratorGradient {
  /** Finite-difference step of the Hessian-vector products, relative to the parameters' RMS. */
  private static final double RELATIVE_STEP = 1e-7;
  /** How much smaller the step is when a difference crossed a kink. */
  private static final double SMALLER_STEP = 1e-3;
  /** Largest disagreement of the forward and backward differences, relative to their size, of a smooth stretch. */
  private static final double TOLERANCE = 1e-4;
  /** Float64 rounding in a difference of gradients, relative to the gradient's size. */
  private static final double ROUNDING = 1e-12;

  private final MultiLayerNetwork discriminator;
  /** Shares the copy's parameters: it scores the fakes while the copy holds the real batch's pass. */
  private final MultiLayerNetwork twin;
  private final MultiLayerNetwork generator;
  /** G(z), computed once: G's parameters do not move during the unroll, and its activations stay for backprop. */
  private INDArray fakes;
  private final Loss loss;
  private final INDArray real;
  private final INDArray latent;
  private final long step;
  private final long seed;
  private final INDArray trainable;

  /**
   * The generator's loss at the unrolled discriminator, its total gradient (float64, G's layout), and
   * how many Hessian-vector products were retaken with a smaller step or taken one-sided because a
   * difference crossed a kink of the discriminator.
   */
  record Result(double generatorLoss, INDArray gradient, int smallerSteps, int oneSided) {}

  private int smallerSteps;
  private int oneSided;

  private UnrolledGeneratorGradient(GanModel model, Loss loss, INDArray real, INDArray latent, long step,
      long seed) {
    this.discriminator = model.discriminator().convertDataType(DataType.DOUBLE);
    this.twin = new MultiLayerNetwork(discriminator.getLayerWiseConfigurations().clone());
    twin.init(discriminator.params(), false);
    this.generator = model.generator().convertDataType(DataType.DOUBLE);
    this.loss = loss;
    this.real = real.castTo(DataType.DOUBLE);
    this.latent = latent.castTo(DataType.DOUBLE);
    this.step = step;
    this.seed = seed;
    this.trainable = row(new NetworkParametersView(NetworkRole.DISCRIMINATOR, discriminator).trainableMask());
  }

  /**
   * {@code df/dtheta_G} for {@code model} with D's optimizer state as it is now ({@code updates} D updates
   * so far), {@code steps} unrolled updates, on {@code real} and {@code latent}.
   *
   * @param seed reseeds ND4J's generator before every pass, so dropout draws the same masks in each
   */
  static Result compute(GanModel model, Loss loss, INDArray real, INDArray latent, int steps, long updates,
      long step, long seed) {
    UnrolledGeneratorGradient unrolled = new UnrolledGeneratorGradient(model, loss, real, latent, step, seed);
    // Called on its own (not from a trainer's iteration), G's pass needs a cycle of its own to live in.
    try (NetworkPass.Cycle own = NetworkPass.ITERATION.isOpen() ? null : NetworkPass.ITERATION.open()) {
      return unrolled.run(UnrolledOptimizer.of(model.discriminator(), updates), steps);
    }
  }

  private Result run(UnrolledOptimizer optimizer, int steps) {
    Nd4j.getRandom().setSeed(seed);
    fakes = NetworkPass.ITERATION.forward(generator, latent).dup();
    // Forward: theta_0 .. theta_k, keeping each step's parameters and gradient.
    List<INDArray> parameters = new ArrayList<>();
    List<Gradients> gradients = new ArrayList<>();
    INDArray theta = row(discriminator.params()).dup();
    for (int j = 0; j < steps; j++) {
      parameters.add(theta);
      Gradients at = discriminatorLoss(theta);
      gradients.add(at);
      theta = optimizer.step(j, theta, at.discriminator().mul(trainable));
    }
    Gradients atEnd = generatorLoss(theta);
    // G's backward pass is linear in the gradient it receives: the end's and every product's d/dfakes
    // are summed first and chained through G once.
    INDArray fakesAdjoint = atEnd.fakes().dup();
    // Reverse: adjoints of theta and of the optimizer's state, back through each step.
    INDArray thetaAdjoint = atEnd.discriminator().mul(trainable);
    UnrolledOptimizer.Adjoint adjoint = optimizer.adjoint();
    for (int j = steps - 1; j >= 0; j--) {
      INDArray gradientAdjoint = adjoint.back(j, thetaAdjoint, gradients.get(j).discriminator().mul(trainable));
      Gradients hessianVector = hessianVectorProduct(parameters.get(j), gradients.get(j),
          gradientAdjoint.muli(trainable));
      thetaAdjoint.addi(hessianVector.discriminator().muli(trainable));
      fakesAdjoint.addi(hessianVector.fakes());
    }
    // G's activations from the one forward pass are still in place: chain d f / d fakes through G.
    NetworkPass.ITERATION.backward(generator, fakesAdjoint.reshape('c', fakes.shape()));
    INDArray generatorGradient = row(generator.getGradientsViewArray()).dup();
    Activations.release(generator);
    return new Result(atEnd.value(), generatorGradient, smallerSteps, oneSided);
  }

  /** Gradients of one loss with respect to D's flattened parameters and to the fakes. */
  private record Gradients(double value, INDArray discriminator, INDArray fakes) {
    double norm() {
      return Math.hypot(discriminator.norm2Number().doubleValue(), fakes.norm2Number().doubleValue());
    }
  }

  /**
   * {@code grad (grad_theta_D L_D . w)} at {@code theta} (where the gradients are {@code at}), by a
   * central difference along w. A LeakyReLU discriminator's gradient jumps where a unit's input crosses
   * zero, and a step across such a kink adds jump / 2h, far beyond the product, where autodiff (the
   * authors' notebook) differentiates within the linear piece. Each product therefore compares its
   * forward and backward differences, which agree on a smooth stretch: when they do not, it is retaken
   * with a step 1,000 times smaller, and if a kink is still inside, the one-sided difference that missed
   * it (the smaller one: the other carries the jump) is used.
   */
  private Gradients hessianVectorProduct(INDArray theta, Gradients at, INDArray w) {
    double largest = w.amaxNumber().doubleValue();
    if (largest == 0) {
      return new Gradients(0, Nd4j.zerosLike(w), Nd4j.zerosLike(fakes));
    }
    double scale = Math.max(theta.norm2Number().doubleValue() / Math.sqrt(theta.length()), 1e-3);
    double h = RELATIVE_STEP * scale / largest;
    Differences differences = differences(theta, at, w, h);
    if (differences.smooth()) {
      return differences.central();
    }
    smallerSteps++;
    differences = differences(theta, at, w, h * SMALLER_STEP);
    if (differences.smooth()) {
      return differences.central();
    }
    oneSided++;
    return differences.forward().norm() <= differences.backward().norm() ? differences.forward()
        : differences.backward();
  }

  /** The forward and backward differences of D's and the fakes' gradients along w, divided by h. */
  private Differences differences(INDArray theta, Gradients at, INDArray w, double h) {
    Gradients plus = discriminatorLoss(theta.add(w.mul(h)));
    Gradients minus = discriminatorLoss(theta.sub(w.mul(h)));
    Gradients forward = new Gradients(0, plus.discriminator().sub(at.discriminator()).divi(h),
        plus.fakes().sub(at.fakes()).divi(h));
    Gradients backward = new Gradients(0, at.discriminator().sub(minus.discriminator()).divi(h),
        at.fakes().sub(minus.fakes()).divi(h));
    double rounding = ROUNDING * at.norm() / h;
    return new Differences(forward, backward, rounding);
  }

  private record Differences(Gradients forward, Gradients backward, double rounding) {
    boolean smooth() {
      double disagreement = Math.hypot(
          forward.discriminator().distance2(backward.discriminator()), forward.fakes().distance2(backward.fakes()));
      return disagreement <= TOLERANCE * (forward.norm() + backward.norm()) + rounding;
    }

    Gradients central() {
      return new Gradients(0, forward.discriminator().add(backward.discriminator()).divi(2),
          forward.fakes().add(backward.fakes()).divi(2));
    }
  }

  private Gradients discriminatorLoss(INDArray theta) {
    return evaluate(theta, true);
  }

  private Gradients generatorLoss(INDArray theta) {
    return evaluate(theta, false);
  }

  /**
   * D's loss (or G's) at D's parameters {@code theta}, with its gradients for D and the fakes. Every
   * evaluation starts from theta (state such as spectral normalization's u included) and the same
   * dropout masks.
   */
  private Gradients evaluate(INDArray theta, boolean discriminatorsLoss) {
    discriminator.params().assign(theta.reshape(discriminator.params().shape()));
    Nd4j.getRandom().setSeed(seed ^ 1);
    boolean readsReal = discriminatorsLoss || loss.generatorUsesRealScores();
    // A cycle per evaluation: its passes' arrays are dropped when it closes, the gradients copied out.
    try (NetworkPass.Cycle cycle = NetworkPass.SCOPED.open()) {
      INDArray realScores = readsReal ? NetworkPass.SCOPED.forward(discriminator, real) : null;
      INDArray fakeScores = NetworkPass.SCOPED.forward(twin, fakes);
      Scores scores = new Scores(Optional.ofNullable(realScores), fakeScores, Optional.empty(), Optional.empty(),
          Map.of(), Map.of(), step, SplitMixRandom.stream(seed, "unrolled-loss"));
      LossValue value = discriminatorsLoss ? loss.discriminatorLoss(scores) : loss.generatorLoss(scores);
      INDArray discriminatorGradient = Nd4j.zerosLike(row(discriminator.params()));
      if (realScores != null && value.realGradient().isPresent()) {
        NetworkPass.SCOPED.backward(discriminator, value.realGradient().get().castTo(DataType.DOUBLE));
        discriminatorGradient.addi(row(discriminator.getGradientsViewArray()));
      }
      INDArray fakeInputGradient =
          NetworkPass.SCOPED.backward(twin, value.fakeGradient().castTo(DataType.DOUBLE)).getSecond().dup();
      discriminatorGradient.addi(row(twin.getGradientsViewArray()));
      return new Gradients(value.value(), discriminatorGradient, fakeInputGradient);
    } finally {
      Activations.release(discriminator);
      Activations.release(twin);
    }
  }

  /** A flattened parameter or gradient array as a row vector (DL4J hands out rank 1 or rank 2). */
  private static INDArray row(INDArray flat) {
    return flat.reshape(1, flat.length());
  }
}
