package dev.ganforge.engine;

import dev.ganforge.api.PluginContext;
import dev.ganforge.api.schedule.ScheduleConfig;
import dev.ganforge.api.schedule.TrainingSchedule;
import dev.ganforge.api.schedule.TrainingScheduleProvider;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.GanModel;
import dev.ganforge.core.engine.Trainer;
import dev.ganforge.core.engine.TrainerFactory;
import dev.ganforge.core.plugin.PluginDescriptor;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginLoader;
import dev.ganforge.core.plugin.PluginRegistry;
import org.nd4j.linalg.api.buffer.DataType;

/** The built-in plugins plus test-only ones, and trainers built from YAML. */
public final class EngineFixtures {
  private EngineFixtures() {}

  /** Alternating updates for the first {@code warmup} iterations, then generator steps only. */
  record GeneratorOnlyConfig(Integer warmup) implements ScheduleConfig {
    GeneratorOnlyConfig {
      warmup = warmup == null ? 0 : warmup;
    }
  }

  /** Provides {@code generator-only}; registered by hand, never through a services file. */
  static final class GeneratorOnly implements TrainingScheduleProvider<GeneratorOnlyConfig> {
    @Override
    public String type() {
      return "generator-only";
    }

    @Override
    public Class<GeneratorOnlyConfig> configClass() {
      return GeneratorOnlyConfig.class;
    }

    @Override
    public TrainingSchedule create(GeneratorOnlyConfig config, PluginContext context) {
      return iteration -> {
        if (iteration.step() < config.warmup()) {
          iteration.discriminatorStep();
        }
        iteration.generatorStep();
      };
    }
  }

  /** Writes {@code count} random grayscale PNGs of {@code size} x {@code size} into {@code directory}. */
  static void writeImages(java.nio.file.Path directory, int count, int size) throws java.io.IOException {
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < count; i++) {
      java.awt.image.BufferedImage image =
          new java.awt.image.BufferedImage(size, size, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int v = random.nextInt(256);
          image.setRGB(x, y, (v << 16) | (v << 8) | v);
        }
      }
      javax.imageio.ImageIO.write(image, "png", directory.resolve("image-" + i + ".png").toFile());
    }
  }

  public static PluginRegistry registry() {
    PluginRegistry.Builder builder = PluginRegistry.builder();
    PluginLoader.loadClasspath().all().forEach(builder::add);
    builder.add(new PluginDescriptor(PluginKind.SCHEDULE, new GeneratorOnly(), "tests", "tests"));
    return builder.build();
  }

  public static GanConfig config(String yaml) {
    return new ConfigMapper(registry()).read(yaml, false, "test.yaml", GanConfig.class);
  }

  public static Trainer trainer(GanConfig config, DataType dataType) {
    PluginRegistry registry = registry();
    DataSource data = DataSources.open(config.data(), config.seed(), dataType);
    GanModel model = GanModel.assemble(config, registry, data.info(), dataType);
    return TrainerFactory.create(config, registry, model, data, dataType);
  }
}
