package com.example.ganplugin;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.auto.service.AutoService;
import dev.ganforge.api.ConfigChecks;
import dev.ganforge.api.PluginContext;
import dev.ganforge.api.listener.ListenerConfig;
import dev.ganforge.api.listener.ListenerProvider;
import dev.ganforge.api.listener.RunListener;
import dev.ganforge.api.listener.RunStart;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An example run listener: writes the losses of every {@code every}-th iteration to a CSV file in the
 * run directory ({@code step,discriminator,generator}). When a run resumes, or rolls back, the rows after
 * the checkpoint it continues from are dropped first, so that the file ends up as an uninterrupted run's.
 */
public final class CsvLossesListener implements RunListener {
  private static final String HEADER = "step,discriminator,generator";
  private final Config config;
  private Path file;
  private BufferedWriter out;

  CsvLossesListener(Config config) {
    this.config = config;
  }

  @Override
  public void onStart(RunStart start) {
    file = start.directory().resolve(config.file());
    keepUpTo(start.step());
  }

  /** The rollback's checkpoint is where training continues: the rows after it are trained again. */
  @Override
  public void onRollback(long step) {
    close();
    keepUpTo(step);
  }

  /** Keeps the rows up to {@code step} and opens the file to append. */
  private void keepUpTo(long step) {
    try {
      List<String> kept = new ArrayList<>(List.of(HEADER));
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          // A line cut short by a killed process belongs to a step after the checkpoint: dropped too.
          boolean whole = line.matches("\\d+,[^,]+,[^,]+");
          if (whole && Long.parseLong(line.substring(0, line.indexOf(','))) <= step) {
            kept.add(line);
          }
        }
      }
      Files.write(file, kept, StandardCharsets.UTF_8);
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("csv-losses: cannot write " + file, e);
    }
  }

  @Override
  public void onIteration(long step, Map<String, Double> scalars) {
    if (step % config.every() != 0) {
      return;
    }
    try {
      out.write(String.format(Locale.ROOT, "%d,%s,%s%n", step, scalars.get("loss/discriminator"),
          scalars.get("loss/generator")));
    } catch (IOException e) {
      throw new UncheckedIOException("csv-losses: cannot write " + config.file(), e);
    }
  }

  /** Checkpoints are where a resume continues from: everything before one is on disk by then. */
  @Override
  public void onCheckpoint(long step, Path directory) {
    flush();
  }

  @Override
  public void onFinish(long step) {
    close();
  }

  @Override
  public void onFailure(long step, Throwable error) {
    close();
  }

  private void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("csv-losses: cannot write " + config.file(), e);
    }
  }

  private void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("csv-losses: cannot write " + config.file(), e);
      }
      out = null;
    }
  }

  /** Config of {@code csv-losses}. */
  public record Config(
      @JsonPropertyDescription("The CSV file, relative to the run directory.") String file,
      @JsonPropertyDescription("Write every this many iterations.") Integer every) implements ListenerConfig {
    public Config {
      ConfigChecks.positive("every", every);
      file = file == null ? "losses.csv" : file;
      every = every == null ? 1 : every;
    }
  }

  /** Registers {@code csv-losses}. */
  @AutoService(ListenerProvider.class)
  public static final class Provider implements ListenerProvider<Config> {
    @Override
    public String type() {
      return "csv-losses";
    }

    @Override
    public Class<Config> configClass() {
      return Config.class;
    }

    @Override
    public RunListener create(Config config, PluginContext context) {
      return new CsvLossesListener(config);
    }

    @Override
    public String description() {
      return "Example plugin: the losses of every iteration as a CSV file in the run directory.";
    }
  }
}
