package dev.ganforge.core.random;

import dev.ganforge.api.RandomSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The run's random source: SplitMix64 (Steele, Lea and Flood 2014), whose whole state is one
 * {@code long}, so a checkpoint stores it exactly and a resumed run draws the same numbers. Values are
 * generated in Java, independent of ND4J's global generator and of the backend.
 */
public final class SplitMixRandom implements RandomSource {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  public SplitMixRandom(long seed) {
    this.state = seed;
  }

  /** A generator for an independent stream, derived from a seed and a stream name. */
  public static SplitMixRandom stream(long seed, String name) {
    return new SplitMixRandom(mix(seed ^ mix(name.hashCode())));
  }

  /** The whole state, for checkpoints. */
  public long state() {
    return state;
  }

  /** Restores a state from {@link #state()}. */
  public void restore(long state) {
    this.state = state;
  }

  /** The next 64 random bits. */
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** SplitMix64's finaliser, also a good 64-bit hash. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  @Override
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    // Rejection sampling keeps the distribution exactly uniform.
    long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
    long draw;
    do {
      draw = nextLong() >>> 1;
    } while (draw >= limit);
    return (int) (draw % bound);
  }

  /** A standard normal sample (Box-Muller; one of the pair is discarded to keep the state simple). */
  public double nextGaussian() {
    double u = 1.0 - nextDouble();
    double v = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  @Override
  public INDArray normal(DataType dataType, long... shape) {
    double[] values = new double[Math.toIntExact(product(shape))];
    for (int i = 0; i < values.length; i++) {
      values[i] = nextGaussian();
    }
    return Nd4j.createFromArray(values).reshape(shape).castTo(dataType);
  }

  @Override
  public INDArray uniform(DataType dataType, double low, double high, long... shape) {
    double[] values = new double[Math.toIntExact(product(shape))];
    for (int i = 0; i < values.length; i++) {
      values[i] = low + (high - low) * nextDouble();
    }
    return Nd4j.createFromArray(values).reshape(shape).castTo(dataType);
  }

  private static long product(long[] shape) {
    long n = 1;
    for (long dimension : shape) {
      n *= dimension;
    }
    return n;
  }
}
