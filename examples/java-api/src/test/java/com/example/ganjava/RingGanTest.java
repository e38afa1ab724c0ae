package com.example.ganjava;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.ganforge.core.Gan;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.run.Checkpoints;
import dev.ganforge.core.run.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API example, on a short schedule: what {@link RingGan#main} does, checked. */
final class RingGanTest {
  @TempDir Path runs;

  @Test
  void composesTheSameConfigAsTheYamlExample() {
    Gan gan = RingGan.builder(1, RingGan.STEPS).build();
    ConfigMapper mapper = new ConfigMapper(gan.plugins());

    GanConfig yaml = mapper.read(Path.of("../gaussian-ring.yaml"), GanConfig.class);

    assertThat(gan.config()).isEqualTo(yaml);
  }

  @Test
  void trainsWithALambdaListenerAndReportsModeCoverage() {
    List<Long> heard = new ArrayList<>();
    Gan gan = RingGan.builder(1, 300).listener((step, scalars) -> {
      assertThat(scalars).containsKeys("loss/discriminator", "loss/generator");
      heard.add(step);
    }).build();

    TrainingRun run = gan.train(runs.resolve("ring"));
    Map<String, Double> coverage = RingGan.modeCoverage(gan);

    assertThat(run.step()).isEqualTo(300);
    assertThat(heard).hasSize(300).startsWith(1L, 2L).endsWith(300L);
    assertThat(coverage.get("metric/modes")).isBetween(0.0, 8.0);
    assertThat(coverage.get("metric/high-quality")).isBetween(0.0, 1.0);
    assertThat(gan.sample(10).shape()).containsExactly(10, 2);
    assertThat(runs.resolve("ring/checkpoints/step-000300")).isDirectory();
  }

  @Test
  void aGuiceModuleMovesTheCheckpointsElsewhere(@TempDir Path elsewhere) throws IOException {
    Gan gan = RingGan.builder(1, 30).modules(new AbstractModule() {
      @Provides
      @Singleton
      Checkpoints checkpoints(GanConfig config) {
        return new Checkpoints(elsewhere, config.training().keepCheckpoints());
      }
    }).build();

    gan.train(runs.resolve("ring"));

    assertThat(elsewhere.resolve("step-000030")).isDirectory();
    assertThat(Files.readString(elsewhere.resolve("latest")).trim()).isEqualTo("step-000030");
    assertThat(runs.resolve("ring/checkpoints")).doesNotExist();
    assertThat(runs.resolve("ring/metrics.jsonl")).isRegularFile();
  }
}
