package dev.ganforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ganforge.api.metric.MetricConfig;
import dev.ganforge.core.config.ConfigMapper;
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
    description = "Evaluate metrics on a run's generator at its latest (or a chosen) checkpoint: the ones named "
        + "with --metric, else the config's metrics: list. Prints one JSON object (values, and what they were "
        + "measured with) and appends it to RUN_DIR/evaluations.jsonl.")
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "RUN_DIR", description = "The run directory.")
  Path run;

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
    ConfigMapper mapper = gan.injector().getInstance(ConfigMapper.class);
    PluginRegistry registry = gan.injector().getInstance(PluginRegistry.class);
    RunSnapshot snapshot = gan.injector().getInstance(Runs.class).snapshot(run, Optional.ofNullable(checkpoint));
    List<MetricConfig> configs = metricConfigs(mapper, snapshot);
    GeneratorMetrics metrics =
        GeneratorMetrics.create(snapshot.config(), configs, registry, snapshot.data(), TrainingRun.DATA_TYPE);
    long step = Long.parseLong(snapshot.checkpoint().replaceAll("\\D", ""));
    Map<String, Double> values = new LinkedHashMap<>();
    (baseline != null ? metrics.evaluateNoise(step) : metrics.evaluateAll(snapshot.model(), step))
        .forEach((name, value) -> values.put(name.substring("metric/".length()), value));

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("checkpoint", snapshot.checkpoint());
    result.put("step", step);
    if (baseline != null) {
      result.put("baseline", baseline.name());
    }
    result.put("metrics", values);
    result.put("measuredWith", metrics.provenance());
    ObjectMapper json = new ObjectMapper();
    try {
      spec.commandLine().getOut().println(json.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
      Files.writeString(run.resolve("evaluations.jsonl"), json.writeValueAsString(result) + "\n",
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + run.resolve("evaluations.jsonl") + ": " + e.getMessage(), e);
    }
    return 0;
  }

  private List<MetricConfig> metricConfigs(ConfigMapper mapper, RunSnapshot snapshot) {
    List<MetricConfig> configs = new ArrayList<>();
    if (!metricTypes.isEmpty()) {
      for (String type : metricTypes) {
        String yaml = "{type: " + type + (samples != null ? ", samples: " + samples : "") + "}";
        configs.add(mapper.read(yaml, false, "--metric " + type, MetricConfig.class));
      }
      return configs;
    }
    if (snapshot.config().metrics().isEmpty()) {
      throw new UsageException("nothing to evaluate: name metrics with --metric (for "
          + "example --metric fid --metric kid) or list them under metrics: in " + run.resolve("config.yaml"));
    }
    for (MetricConfig config : snapshot.config().metrics()) {
      String yaml = mapper.toYaml(config);
      if (samples != null && !yaml.matches("(?s).*(?m)^samples: .*")) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--n: a metric in the config has no samples option:\n" + yaml);
      }
      configs.add(samples == null ? config
          : mapper.read(yaml.replaceFirst("(?m)^samples: .*$", "samples: " + samples), false, "config",
              MetricConfig.class));
    }
    return configs;
  }
}
