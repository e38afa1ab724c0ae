package dev.ganforge.core.testing;

import dev.ganforge.api.RandomSource;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A seeded {@link RandomSource} for tests, independent of ND4J's global generator. */
public final class TestRandom implements RandomSource {
  private final SplittableRandom random;

  public TestRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public INDArray normal(DataType dataType, long... shape) {
    INDArray values = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < values.length(); i++) {
      values.putScalar(i, gaussian());
    }
    return values.castTo(dataType);
  }

  @Override
  public INDArray uniform(DataType dataType, double low, double high, long... shape) {
    INDArray values = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < values.length(); i++) {
      values.putScalar(i, low + (high - low) * random.nextDouble());
    }
    return values.castTo(dataType);
  }

  @Override
  public double nextDouble() {
    return random.nextDouble();
  }

  @Override
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private double gaussian() {
    // Box-Muller: exact, and simple enough to trust in tests.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}
