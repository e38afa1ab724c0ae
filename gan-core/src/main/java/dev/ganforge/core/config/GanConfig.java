package dev.ganforge.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ganforge.api.listener.ListenerConfig;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.api.regularizer.RegularizerConfig;
import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.core.data.DataConfig;
import dev.ganforge.core.schedule.AlternatingScheduleConfig;
import java.util.List;

/** A whole GANForge config file: what to train, on what, and how. */
public record GanConfig(
    @JsonPropertyDescription("Seed of the run's random source; a seed gives the same run on the same machine.")
        Long seed,
    @JsonProperty(required = true) @JsonPropertyDescription("The training data.") DataConfig data,
    @JsonPropertyDescription("The generator's input noise.") LatentConfig latent,
    @JsonProperty(required = true) @JsonPropertyDescription("The generator's layers and optimizer.")
        NetworkConfig generator,
    @JsonProperty(required = true) @JsonPropertyDescription("The discriminator's layers and optimizer.")
        NetworkConfig discriminator,
    @JsonProperty(required = true) @JsonPropertyDescription("The adversarial loss.") LossConfig loss,
    @JsonPropertyDescription("Penalties, constraints and input transforms, applied in order.")
        List<RegularizerConfig> regularizers,
    @JsonPropertyDescription("How many D and G updates each iteration runs.") ScheduleConfig schedule,
    @JsonPropertyDescription("Metrics evaluated during training.") List<MetricConfig> metrics,
    @JsonPropertyDescription("Failure detection during training (D loss collapsing to 0, exploding gradients, "
        + "D loss variance spikes) and what to do about it: warn, stop or roll back.") AlertsConfig alerts,
    @JsonPropertyDescription("Steps, batch size and how often to sample and checkpoint.")
        TrainingConfig training,
    @JsonPropertyDescription("Run listeners from plugins, hearing every iteration, checkpoint and alert (e.g. a "
        + "CSV of the losses); the run's own outputs need none.") List<ListenerConfig> listeners) {

  public GanConfig {
    seed = seed == null ? 0L : seed;
    latent = latent == null ? new LatentConfig(null, null) : latent;
    regularizers = regularizers == null ? List.of() : List.copyOf(regularizers);
    schedule = schedule == null ? new AlternatingScheduleConfig(null, null) : schedule;
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    alerts = alerts == null ? new AlertsConfig(null, null, null, null, null, null, null, null) : alerts;
    training = training == null
        ? new TrainingConfig(null, null, null, null, null, null, null, null, null, null) : training;
    listeners = listeners == null ? List.of() : List.copyOf(listeners);
  }

  /** This config with another seed. */
  public GanConfig withSeed(long newSeed) {
    return new GanConfig(newSeed, data, latent, generator, discriminator, loss, regularizers, schedule, metrics,
        alerts, training, listeners);
  }

  /** This config with another number of training steps. */
  public GanConfig withSteps(int steps) {
    return new GanConfig(seed, data, latent, generator, discriminator, loss, regularizers, schedule, metrics,
        alerts, training.withSteps(steps), listeners);
  }

  /** This config with other network configs. */
  public GanConfig withNetworks(NetworkConfig newGenerator, NetworkConfig newDiscriminator) {
    return new GanConfig(seed, data, latent, newGenerator, newDiscriminator, loss, regularizers, schedule, metrics,
        alerts, training, listeners);
  }

  /** This config with both networks' learning rates multiplied by {@code factor} (a rollback's). */
  public GanConfig withLearningRateFactor(double factor) {
    return new GanConfig(seed, data, latent, generator.withLearningRateFactor(factor),
        discriminator.withLearningRateFactor(factor), loss, regularizers, schedule, metrics, alerts, training,
        listeners);
  }
}
