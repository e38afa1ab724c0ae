package dev.ganforge.cli;

import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.GanConfig;
import dev.ganforge.core.data.DataSource;
import dev.ganforge.core.data.DataSources;
import dev.ganforge.core.engine.LearningRateProbe;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.run.Charts;
import dev.ganforge.core.run.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gan lr-probe CONFIG}: which generator learning rates can fit a fixed batch at all. */
@Command(
    name = "lr-probe",
    mixinStandardHelpOptions = true,
    description = "Train the config's generator alone to map one fixed batch of latent codes to one fixed batch "
        + "of real samples (mean squared error) at each learning rate, from the same initial weights; print "
        + "the final losses, plot the curves and recommend the largest rate that converges without diverging.")
final class LrProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GanCommand gan;

  @Parameters(paramLabel = "CONFIG", description = "The config file.")
  Path config;

  @Option(names = "--learning-rates", paramLabel = "RATES", split = ",",
      description = "Comma-separated rates (default ${DEFAULT-VALUE}).")
  List<Double> learningRates = List.of(1e-4, 2e-4, 5e-4, 1e-3, 2e-3);

  @Option(names = "--steps", paramLabel = "N", description = "Steps per rate (default ${DEFAULT-VALUE}).")
  int steps = 200;

  @Option(names = "--plot", paramLabel = "FILE", description = "The PNG of the curves; default lr-probe-<config>.png.")
  Path plot;

  @Override
  public Integer call() {
    if (steps < 2 || learningRates.isEmpty() || learningRates.stream().anyMatch(rate -> !(rate > 0))) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--steps must be at least 2 and every --learning-rates value positive");
    }
    GanConfig resolved = gan.injector().getInstance(ConfigMapper.class).read(config, GanConfig.class);
    PluginRegistry registry = gan.injector().getInstance(PluginRegistry.class);
    DataSource data = DataSources.open(resolved.data(), resolved.seed(), TrainingRun.DATA_TYPE);
    int batchSize = resolved.training().batchSize();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s: fitting one batch of %d samples from fixed latent codes, %d steps per rate%n",
        config, batchSize, steps);
    out.flush();
    List<LearningRateProbe.Curve> curves = LearningRateProbe.run(resolved, registry, data, TrainingRun.DATA_TYPE,
        learningRates, steps, batchSize, index -> {
          spec.commandLine().getErr().printf("  rate %s (%d of %d)%n", learningRates.get(index), index + 1,
              learningRates.size());
          spec.commandLine().getErr().flush();
        });

    out.printf("%-14s %-12s %-12s %s%n", "learning rate", "first loss", "last loss", "result");
    for (LearningRateProbe.Curve curve : curves) {
      out.printf(Locale.ROOT, "%-14s %-12.5g %-12.5g %s%n", curve.learningRate(), curve.first(), curve.last(),
          curve.diverged() ? "diverged at step " + curve.losses().length
              : curve.converged() ? "converged" : "did not converge (last loss above half the first)");
    }
    Optional<Double> recommended = LearningRateProbe.recommend(curves);
    out.println(recommended.map(rate -> "recommended: " + rate + " (the largest rate that converged)")
        .orElse("no rate converged: try smaller rates, or more --steps"));

    Path target = plot != null ? plot
        : Path.of("lr-probe-" + config.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "") + ".png");
    Map<String, Charts.Series> series = new LinkedHashMap<>();
    for (LearningRateProbe.Curve curve : curves) {
      double[] x = new double[curve.losses().length];
      for (int i = 0; i < x.length; i++) {
        x[i] = i + 1;
      }
      series.put("lr " + curve.learningRate(), new Charts.Series(x, curve.losses()));
    }
    try {
      Charts.lines(target, "Learning-rate probe: " + config.getFileName(), "step", "mean squared error", series, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot " + target + ": " + e.getMessage(), e);
    }
    out.println("plot: " + target);
    return 0;
  }
}
