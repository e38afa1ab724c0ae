package dev.ganforge.core.engine.feature;

import dev.ganforge.api.RandomSource;
import dev.ganforge.api.schedule.TrainingFeature;
import dev.ganforge.core.engine.GanModel;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A conditional GAN (a {@code label-embedding} layer in the generator): fakes for a discriminator step
 * are generated for the real batch's labels, so that real and fake samples share one set of labels and
 * a penalty on points between them (WGAN-GP) has a label to evaluate them with; fakes of a generator
 * step of their own get classes drawn uniformly. The engine hands the labels to every label-reading
 * layer of both networks.
 */
public final class ClassConditioning implements TrainingFeature {
  private final GanModel model;

  public ClassConditioning(GanModel model) {
    this.model = model;
  }

  @Override
  public Optional<INDArray> fakeLabels(int n, Optional<INDArray> realLabels, RandomSource random) {
    return Optional.of(realLabels.orElseGet(() -> {
      int[] classes = new int[n];
      for (int i = 0; i < n; i++) {
        classes[i] = random.nextInt(model.classCount());
      }
      return model.oneHot(classes);
    }));
  }
}
