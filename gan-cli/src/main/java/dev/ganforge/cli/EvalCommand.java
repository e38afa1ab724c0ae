package dev.ganforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.data.SampleFiles;
import dev.ganforge.core.engine.GeneratorMetrics;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.run.RunSnapshot;
import dev.ganforge.core.run.Runs;
import dev.ganforge.core.run.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan eval RUN_DIR}: evaluates metrics on a run's generator at a checkpoint. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate metrics on a run's generator at its latest (or a chosen) checkpoint, or on a sample "
        + "set (--samples: any framework's samples, measured against the run's data): the metrics named with "
        + "--metric, else the config's metrics: list. Prints one JSON object (values, and what they were "
        + "measured with) and appends it to RUN_DIR/evaluations.jsonl.")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "RUN_DIR",
      description = "The run directory; with --samples also a config file, whose data and metrics are used.")
  Path run;

  @Option(names = "--samples", paramLabel = "PATH",
      description = "Measure this sample set instead of the generator: a .npy array [n, c, h, w] (float in "
          + "[-1, 1], or 0-255 bytes), a folder of PNG files, or an idx file, as gan sample --format writes them "
          + "or another framework does. Each metric takes the set's first samples.")
  Path sampleSet;

  @Option(names = "--seed", paramLabel = "N",
      description = "Draw the generator's samples from this seed's stream, as gan sample --seed N does (its "
          + "npy, png-dir and idx sets hold exactly these samples); default the metrics' own stream, seeded by "
          + "the run's seed and the checkpoint's step.")
  Long seed;

  @Option(names = "--metric", paramLabel = "TYPE",
      description = "A metric type (fid, kid, inception-score, precision-recall, mode-coverage, ...); repeatable.")
  List<String> metricTypes = new ArrayList<>();

  @Option(names = "--n", paramLabel = "N", description = "Samples per metric; default each metric's own.")
  Integer samples;

  @Option(names = "--checkpoint", paramLabel = "STEP", description = "A checkpoint name or step; default latest.")
  String checkpoint;

  @Option(names = "--baseline", paramLabel = "noise",
      description = "Measure uniform noise images in [-1, 1] instead of the generator's samples: the score of a "
          + "generator that learned nothing.")
  Baseline baseline;

  /** What --baseline accepts. */
  enum Baseline {
    noise
  }

  @Override
  public Integer call() {
    if (samples != null && samples <= 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--n must be at least 2, got " + samples);
    }
    if (sampleSet != null && (baseline != null || seed != null || checkpoint != null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--samples measures a sample set; "
          + "--baseline, --seed and --checkpoint choose generator samples: leave them out");
    }
    if (baseline != null && seed != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--baseline measures noise; leave "
          + "--seed out");
    }
    return sampleSet != null ? evaluateSampleSet() : evaluateGenerator();
  }

  private int evaluateGenerator() {
    ConfigMapper mapper = gan.injector().getInstance(ConfigMapper.class);
    RunSnapshot snapshot = gan.injector().getInstance(Runs.class).snapshot(run, Optional.ofNullable(checkpoint));
    GeneratorMetrics metrics = metrics(mapper, snapshot.config(), snapshot.data());
    long step = Long.parseLong(snapshot.checkpoint().replaceAll("\\D", ""));
    Map<String, Double> values = baseline != null ? metrics.evaluateNoise(step)
        : seed != null ? metrics.evaluateSeeded(snapshot.model(), step, seed)
        : metrics.evaluateAll(snapshot.model(), step);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("checkpoint", snapshot.checkpoint());
    result.put("step", step);
    if (baseline != null) {
      result.put("baseline", baseline.name());
    }
    if (seed != null) {
      result.put("seed", seed);
    }
    report(result, values, metrics, run);
    return 0;
  }

  private int evaluateSampleSet() {
    ConfigMapper mapper = gan.injector().getInstance(ConfigMapper.class);
    boolean runDirectory = Files.isDirectory(run);
    GanConfig config = runDirectory ? gan.injector().getInstance(Runs.class).readConfig(run)
        : mapper.read(run, GanConfig.class);
    DataSource data = DataSources.open(config.data(), config.seed(), TrainingRun.DATA_TYPE);
    SampleFiles.SampleSet set = SampleFiles.read(sampleSet, data.info().sampleShape());
    GeneratorMetrics metrics = metrics(mapper, config, data);
    Map<String, Object> result = new LinkedHashMap<>();
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("path", set.path().toString());
    described.put("format", set.format().label());
    described.put("count", set.samples().size(0));
    result.put("samples", described);
    report(result, metrics.evaluateSamples(set.samples(), 0), metrics, runDirectory ? run : null);
    return 0;
  }

  private GeneratorMetrics metrics(ConfigMapper mapper, GanConfig config, DataSource data) {
    PluginRegistry registry = gan.injector().getInstance(PluginRegistry.class);
    return GeneratorMetrics.create(config, metricConfigs(mapper, config), registry, data, TrainingRun.DATA_TYPE);
  }

  /** Prints the result as JSON and appends it to the run's evaluations.jsonl when there is a run. */
  private void report(Map<String, Object> result, Map<String, Double> measured, GeneratorMetrics metrics,
      Path runDirectory) {
    Map<String, Double> values = new LinkedHashMap<>();
    measured.forEach((name, value) -> values.put(name.substring("metric/".length()), value));
    result.put("metrics", values);
    result.put("measuredWith", metrics.provenance());
    ObjectMapper json = new ObjectMapper();
    Path log = runDirectory == null ? null : runDirectory.resolve("evaluations.jsonl");
    try {
      spec.commandLine().getOut().println(json.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
      if (log != null) {
        Files.writeString(log, json.writeValueAsString(result) + "\n", StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + (log != null ? log : "the result") + ": " + e.getMessage(), e);
    }
  }

  private List<MetricConfig> metricConfigs(ConfigMapper mapper, GanConfig config) {
    List<MetricConfig> configs = new ArrayList<>();
    if (!metricTypes.isEmpty()) {
      for (String type : metricTypes) {
        String yaml = "{type: " + type + (samples != null ? ", samples: " + samples : "") + "}";
        configs.add(mapper.read(yaml, false, "--metric " + type, MetricConfig.class));
      }
      return configs;
    }
    if (config.metrics().isEmpty()) {
      throw new UsageException("nothing to evaluate: name metrics with --metric (for "
          + "example --metric fid --metric kid) or list them under metrics: in "
          + (Files.isDirectory(run) ? run.resolve("config.yaml") : run));
    }
    for (MetricConfig metric : config.metrics()) {
      String yaml = mapper.toYaml(metric);
      if (samples != null && !yaml.matches("(?s).*(?m)^samples: .*")) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--n: a metric in the config has no samples option:\n" + yaml);
      }
      configs.add(samples == null ? metric
          : mapper.read(yaml.replaceFirst("(?m)^samples: .*$", "samples: " + samples), false, "config",
              MetricConfig.class));
    }
    return configs;
  }
}
