package com.example.ganplugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganforge.api.RandomSource;
import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.api.loss.LossValue;
import dev.ganforge.api.loss.Scores;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

final class LeastAbsoluteLossTest {
  private static final RandomSource NO_RANDOMNESS = new RandomSource() {
    @Override
    public INDArray normal(DataType dataType, long... shape) {
      throw new UnsupportedOperationException();
    }

    @Override
    public INDArray uniform(DataType dataType, double low, double high, long... shape) {
      throw new UnsupportedOperationException();
    }

    @Override
    public double nextDouble() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int nextInt(int bound) {
      throw new UnsupportedOperationException();
    }
  };

  @Test
  void isRegisteredForServiceLoader() {
    boolean found = ServiceLoader.load(LossProvider.class).stream()
        .anyMatch(provider -> provider.type() == LeastAbsoluteLoss.Provider.class);
    assertTrue(found, "AutoService must register the provider");
  }

  @Test
  void discriminatorLossIsMeanAbsoluteDeviationFromTargets() {
    LeastAbsoluteLoss loss = new LeastAbsoluteLoss(1.0);
    INDArray real = Nd4j.createFromArray(new double[][] {{3.0}, {0.5}});
    INDArray fake = Nd4j.createFromArray(new double[][] {{-2.0}, {1.0}});

    LossValue value = loss.discriminatorLoss(Scores.of(real, fake, 0, NO_RANDOMNESS));

    // |3 - 1| and |0.5 - 1| average to 1.25; |-2| and |1| average to 1.5.
    assertEquals(2.75, value.value(), 1e-12);
    assertArrayEquals(new double[] {0.5, -0.5}, value.realGradient().orElseThrow().toDoubleVector(), 1e-12);
    assertArrayEquals(new double[] {-0.5, 0.5}, value.fakeGradient().toDoubleVector(), 1e-12);
  }

  @Test
  void defaultsRealTargetToOne() {
    assertEquals(1.0, new LeastAbsoluteLoss.Config(null).realTarget());
  }
}
