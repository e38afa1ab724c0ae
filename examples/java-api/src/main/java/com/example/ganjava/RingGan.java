package com.example.ganjava;

import dev.ganforge.api.listener.RunListener;
import dev.ganforge.core.Gan;
import dev.ganforge.core.GanBuilder;
import dev.ganforge.core.config.LatentConfig;
import dev.ganforge.core.config.LatentDistribution;
import dev.ganforge.core.config.EmaConfig;
import dev.ganforge.core.config.NetworkConfig;
import dev.ganforge.core.config.TrainingConfig;
import dev.ganforge.core.data.GaussianRingConfig;
import dev.ganforge.core.optimizer.AdamConfig;
import dev.ganforge.core.optimizer.LearningRateSchedule;
import dev.ganforge.layers.ActivationFunction;
import dev.ganforge.layers.DenseLayer;
import dev.ganforge.losses.NonSaturatingLoss;
import dev.ganforge.metrics.ModeCoverage;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 8-mode ring GAN of {@code examples/gaussian-ring.yaml}, composed in Java: the same networks,
 * loss, generator average, learning-rate decay and batches, with no YAML. It trains, prints the losses
 * every 2,000 iterations from a lambda listener, and reports mode coverage on 2,500 samples.
 *
 * <pre>
 *   mvn -B -ntp -q install -DskipTests                       # from the repository root, once
 *   mvn -B -ntp -q -f examples/java-api/pom.xml exec:java    # or run RingGan.main from your IDE
 * </pre>
 */
public final class RingGan {
  /** The length of the YAML example. */
  public static final int STEPS = 20_000;

  private RingGan() {}

  /** The ring GAN of {@code seed}, trained for {@code steps} (the decay starts half way, as in the YAML). */
  public static GanBuilder builder(long seed, int steps) {
    AdamConfig adam = new AdamConfig(1.0e-3, 0.5, null, null);
    LearningRateSchedule decay =
        new LearningRateSchedule(null, LearningRateSchedule.Decay.LINEAR, steps / 2, 0.05, null, null);
    return GanBuilder.create()
        .seed(seed)
        .data(new GaussianRingConfig(8, 1.0, 0.01))
        .latent(new LatentConfig(16, LatentDistribution.NORMAL))
        .generator(new NetworkConfig(List.of(
            dense(128, ActivationFunction.RELU),
            dense(128, ActivationFunction.RELU),
            dense(2, null)), adam, decay))
        .discriminator(new NetworkConfig(List.of(
            dense(128, ActivationFunction.LEAKY_RELU),
            dense(128, ActivationFunction.LEAKY_RELU),
            dense(1, null)), adam, decay))
        .loss(new NonSaturatingLoss.Config(0.9, null))
        .training(new TrainingConfig(steps, 512, 2000, 2000, null, null, null, new EmaConfig(0.999, null), null, 1));
  }

  private static DenseLayer.Config dense(int units, ActivationFunction activation) {
    return new DenseLayer.Config(units, activation, null, null, null);
  }

  /** Mode coverage as the PacGAN protocol measures it: 2,500 samples. */
  public static Map<String, Double> modeCoverage(Gan gan) {
    return gan.evaluate(new ModeCoverage.Config(2500, null, null, null));
  }

  /** Trains the ring GAN: {@code RingGan [RUN_DIR [STEPS [SEED]]]}. */
  public static void main(String[] args) {
    Path directory = Path.of(args.length > 0 ? args[0]
        : "runs/java-ring-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : STEPS;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    RunListener progress = (step, scalars) -> {
      if (step % 2000 == 0) {
        System.out.printf(Locale.ROOT, "step %d: D %.3f, G %.3f%n", step, scalars.get("loss/discriminator"),
            scalars.get("loss/generator"));
      }
    };
    Gan gan = builder(seed, steps).listener(progress).build();
    gan.train(directory);
    Map<String, Double> coverage = modeCoverage(gan);
    System.out.printf(Locale.ROOT, "%s: %.0f of 8 modes, %.1f%% high quality, reverse KL %.3f%n", directory,
        coverage.get("metric/modes"), 100 * coverage.get("metric/high-quality"),
        coverage.get("metric/reverse-kl"));
  }
}
