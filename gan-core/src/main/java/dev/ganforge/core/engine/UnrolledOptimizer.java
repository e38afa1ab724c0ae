package dev.ganforge.core.engine;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.NoOpUpdater;
import org.nd4j.linalg.learning.SgdUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The discriminator's optimizer as {@link UnrolledGeneratorGradient} simulates it, in float64 over the
 * flattened parameters, with its reverse mode. Adam follows DL4J's update exactly (libnd4j's adam
 * updater): {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code theta -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)} with t the update's 1-based
 * number, starting from the live network's m and v. Parameters with the no-op updater (state) never move.
 */
abstract class UnrolledOptimizer {

  /** theta after unrolled step {@code j} (0-based) with gradient {@code g}; records what reverse mode needs. */
  abstract INDArray step(int j, INDArray theta, INDArray g);

  /** Reverse mode over the recorded steps, last step first. */
  abstract Adjoint adjoint();

  /** Carries the adjoints of the optimizer's state from step to step. */
  interface Adjoint {
    /**
     * Given the adjoint of theta after step j (which passes unchanged to theta before it), the adjoint of
     * that step's gradient {@code g}, updating the carried state adjoints.
     */
    INDArray back(int j, INDArray thetaAdjoint, INDArray g);
  }

  /**
   * The optimizer of {@code network}, which has taken {@code updates} updates so far.
   *
   * @throws ModelException for an optimizer the unrolled gradient cannot differentiate
   */
  static UnrolledOptimizer of(MultiLayerNetwork network, long updates) {
    Updater updater = network.getUpdater();
    if (!(updater instanceof BaseMultiLayerUpdater<?> layered)) {
      throw new ModelException("unrolled: cannot read the discriminator's optimizer " + updater);
    }
    long length = network.params().length();
    INDArray m = Nd4j.zeros(DataType.DOUBLE, length);
    INDArray v = Nd4j.zeros(DataType.DOUBLE, length);
    Adam adam = null;
    Double sgdRate = null;
    for (UpdaterBlock block : layered.getUpdaterBlocks()) {
      GradientUpdater<?> blockUpdater = block.getGradientUpdater();
      int from = block.getParamOffsetStart();
      int to = block.getParamOffsetEnd();
      if (blockUpdater instanceof AdamUpdater adamUpdater) {
        adam = adamUpdater.getConfig();
        if (adamUpdater.getM() != null) {
          m.get(NDArrayIndex.interval(from, to))
              .assign(adamUpdater.getM().reshape(to - from).castTo(DataType.DOUBLE));
          v.get(NDArrayIndex.interval(from, to))
              .assign(adamUpdater.getV().reshape(to - from).castTo(DataType.DOUBLE));
        }
      } else if (blockUpdater instanceof SgdUpdater sgd) {
        sgdRate = sgd.getConfig().getLearningRate((int) updates, 0);
      } else if (!(blockUpdater instanceof NoOpUpdater)) {
        throw new ModelException("unrolled: the exact unrolled gradient differentiates adam and sgd "
            + "discriminator optimizers, not "
            + blockUpdater.getConfig().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
            + "; use one of those, or {type: unrolled, firstOrder: true}");
      }
    }
    if (adam != null) {
      return new AdamSteps(adam, updates, m.reshape(1, length), v.reshape(1, length));
    }
    if (sgdRate != null) {
      return new SgdSteps(sgdRate);
    }
    throw new ModelException("unrolled: the discriminator has no trainable parameters");
  }

  /** Plain gradient descent: theta -= lr g. */
  private static final class SgdSteps extends UnrolledOptimizer {
    private final double rate;

    SgdSteps(double rate) {
      this.rate = rate;
    }

    @Override
    INDArray step(int j, INDArray theta, INDArray g) {
      return theta.sub(g.mul(rate));
    }

    @Override
    Adjoint adjoint() {
      return (j, thetaAdjoint, g) -> thetaAdjoint.mul(-rate);
    }
  }

  /** DL4J's Adam, with the moments carried through the unrolled steps. */
  private static final class AdamSteps extends UnrolledOptimizer {
    private final Adam config;
    private final long updates;
    private INDArray m;
    private INDArray v;
    private final List<INDArray> moments = new ArrayList<>();
    private final List<INDArray> squares = new ArrayList<>();
    private final List<Double> rates = new ArrayList<>();

    AdamSteps(Adam config, long updates, INDArray m, INDArray v) {
      this.config = config;
      this.updates = updates;
      this.m = m;
      this.v = v;
    }

    @Override
    INDArray step(int j, INDArray theta, INDArray g) {
      double beta1 = config.getBeta1();
      double beta2 = config.getBeta2();
      long iteration = updates + j;
      double rate = config.getLearningRate((int) iteration, 0) * Math.sqrt(1 - Math.pow(beta2, iteration + 1))
          / (1 - Math.pow(beta1, iteration + 1));
      m = m.mul(beta1).addi(g.mul(1 - beta1));
      v = v.mul(beta2).addi(g.mul(g).muli(1 - beta2));
      moments.add(m);
      squares.add(v);
      rates.add(rate);
      return theta.sub(m.div(Transforms.sqrt(v, true).addi(config.getEpsilon())).muli(rate));
    }

    @Override
    Adjoint adjoint() {
      return new Adjoint() {
        private INDArray momentAdjoint = Nd4j.zerosLike(m);
        private INDArray squareAdjoint = Nd4j.zerosLike(v);

        @Override
        public INDArray back(int j, INDArray thetaAdjoint, INDArray g) {
          double rate = rates.get(j);
          INDArray moment = moments.get(j);
          INDArray root = Transforms.sqrt(squares.get(j), true);
          INDArray denominator = root.add(config.getEpsilon());
          // theta' = theta - rate m / (sqrt(v) + eps): d/dm = -rate / d, d/dv = rate m / (2 sqrt(v) d^2)
          INDArray totalMoment = momentAdjoint.sub(thetaAdjoint.mul(rate).divi(denominator));
          // Where v = 0 (a gradient that was always 0), m = 0 too: the floor keeps 0 / 0 out.
          INDArray perSquare = moment.mul(rate).divi(denominator.mul(denominator)
              .muli(Transforms.max(root, Double.MIN_NORMAL, true).muli(2)));
          INDArray totalSquare = squareAdjoint.add(thetaAdjoint.mul(perSquare));
          momentAdjoint = totalMoment.mul(config.getBeta1());
          squareAdjoint = totalSquare.mul(config.getBeta2());
          return totalMoment.mul(1 - config.getBeta1())
              .addi(g.mul(totalSquare).muli(2 * (1 - config.getBeta2())));
        }
      };
    }
  }
}
