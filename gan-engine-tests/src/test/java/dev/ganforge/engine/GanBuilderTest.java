package dev.ganforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganforge.core.Gan;
import dev.ganforge.core.GanBuilder;
import dev.ganforge.core.config.ConfigException;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.config.LatentConfig;
import dev.ganforge.core.data.GaussianRingConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API builds the same config YAML gives, checks it as strictly, and mixes with YAML. */
final class GanBuilderTest {
  private static final Path RING = Path.of("../examples/gaussian-ring.yaml");

  @TempDir Path runs;

  @Test
  void aYamlConfigLoadedAndChangedInCodeIsTheSameObjectAsTheChangedYaml() {
    Gan gan = GanBuilder.create().config(RING).seed(7).build();

    GanConfig yaml = new ConfigMapper(gan.plugins()).read(RING, GanConfig.class);

    assertThat(gan.config()).isEqualTo(yaml.withSeed(7));
    assertThat(new ConfigMapper(gan.plugins()).read(gan.toYaml(), false, "round trip", GanConfig.class))
        .isEqualTo(gan.config());
  }

  @Test
  void aConfigComposedInCodeIsCheckedLikeAFileWithEveryProblemAtOnce() {
    GanBuilder incomplete = GanBuilder.create().data(new GaussianRingConfig(8, 1.0, 0.01))
        .latent(new LatentConfig(4, null));

    assertThatThrownBy(incomplete::build).isInstanceOfSatisfying(ConfigException.class,
        e -> assertThat(e.problems()).hasSize(3))
        .hasMessageContaining("generator: missing required key 'generator'")
        .hasMessageContaining("discriminator: missing required key 'discriminator'")
        .hasMessageContaining("loss: missing required key 'loss'");
  }

  @Test
  void aProviderRegisteredInCodeServesTheConfigAndTheRun() {
    Gan gan = GanBuilder.create().plugin(new EngineFixtures.GeneratorOnly()).config(RING)
        .schedule(new EngineFixtures.GeneratorOnlyConfig(2))
        .training(GanBuilder.create().config(RING).toConfig().training().withSteps(4))
        .build();

    gan.train(runs.resolve("run"));

    assertThat(gan.toYaml()).contains("type: generator-only");
    assertThat(gan.sample(5).shape()).containsExactly(5, 2);
  }
}
