package dev.ganforge.core.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

final class OptimizerConfigTest {
  @Test
  void adamCarriesEveryHyperparameterAndScalesTheLearningRate() {
    Adam adam = (Adam) new AdamConfig(4e-4, 0.0, 0.99, 1e-6).toUpdater(0.5);

    assertThat(adam.getLearningRate()).isEqualTo(2e-4);
    assertThat(adam.getBeta1()).isEqualTo(0.0);
    assertThat(adam.getBeta2()).isEqualTo(0.99);
    assertThat(adam.getEpsilon()).isEqualTo(1e-6);
  }

  @Test
  void rmspropDefaultsToTheWganSetting() {
    RmsProp rmsprop = (RmsProp) new RmsPropConfig(null, null, null).toUpdater(1.0);

    assertThat(rmsprop.getLearningRate()).isEqualTo(5e-5);
    assertThat(rmsprop.getRmsDecay()).isEqualTo(0.95);
  }

  @Test
  void sgdUsesNesterovMomentumOnlyWhenAsked() {
    assertThat(new SgdConfig(0.1, null).toUpdater(1.0)).isInstanceOf(Sgd.class);
    Nesterovs nesterovs = (Nesterovs) new SgdConfig(0.1, 0.9).toUpdater(1.0);
    assertThat(nesterovs.getMomentum()).isEqualTo(0.9);
  }
}
