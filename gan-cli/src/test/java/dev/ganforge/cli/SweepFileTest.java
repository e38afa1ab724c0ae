package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ganforge.core.config.ConfigException;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.config.ConfigProblem;
import dev.ganforge.core.plugin.PluginLoader;
import dev.ganforge.core.sweep.Sweep;
import dev.ganforge.core.sweep.SweepReader;
import dev.ganforge.core.sweep.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files: what a search space expands to, and every mistake reported before anything trains. */
final class SweepFileTest {
  private static final String BASE = """
      seed: 7
      data: {type: gaussian-ring}
      latent: {size: 4}
      generator:
        layers: [{type: dense, units: 8, activation: relu}, {type: dense, units: 2}]
        optimizer: {type: adam, learningRate: 1.0e-3}
      discriminator: {layers: [{type: dense, units: 8, activation: leaky-relu}, {type: dense, units: 1}]}
      loss: {type: non-saturating}
      training: {steps: 20, batchSize: 16, threads: 1}
      """;

  @TempDir Path directory;

  private final ConfigMapper mapper =
      new ConfigMapper(PluginLoader.load(SweepFileTest.class.getClassLoader(), List.of()));

  @Test
  void aGridTriesEveryCombinationInTheSpacesOrderWithEverySeed() throws IOException {
    Sweep sweep = read("""
        base: base.yaml
        set: {training.steps: 40}
        space:
          generator.optimizer.learningRate: [1.0e-4, 1.0e-3]
          generator.layers[0].units: [8, 16, 32]
        seeds: 3
        metric: {type: mode-coverage, samples: 500}
        rank: {by: modes, goal: maximize}
        """);

    assertThat(sweep.trials()).hasSize(6);
    assertThat(sweep.trials()).extracting(trial -> trial.paramText().values().toString()).containsExactly(
        "[1.0E-4, 8]", "[1.0E-4, 16]", "[1.0E-4, 32]", "[0.001, 8]", "[0.001, 16]", "[0.001, 32]");
    Trial last = sweep.trials().get(5);
    assertThat(last.config().generator().optimizer().toString()).contains("learningRate=0.001");
    assertThat(mapper.toYaml(last.config())).contains("units: 32").contains("steps: 40");
    assertThat(sweep.seeds()).containsExactly(7L, 8L, 9L);
    assertThat(sweep.out()).isEqualTo("sweeps/sweep");
    assertThat(sweep.trials()).extracting(Trial::name).doesNotHaveDuplicates()
        .allMatch(name -> name.matches("c-[0-9a-f]{10}"));
    assertThat(read(Files.readString(directory.resolve("sweep.yaml"))).trials()).extracting(Trial::name)
        .as("a configuration's folder is a hash of its config: the same on every read")
        .isEqualTo(sweep.trials().stream().map(Trial::name).toList());
  }

  @Test
  void randomSearchDrawsWithinTheBoundsReproduciblyForItsSearchSeed() throws IOException {
    String text = """
        base: base.yaml
        space:
          generator.optimizer.learningRate: {log-uniform: [1.0e-5, 1.0e-2]}
          loss: {choice: [{type: non-saturating}, {type: hinge}]}
          training.batchSize: [16, 32]
        trials: 20
        searchSeed: %d
        seeds: [3, 11]
        metric: {type: mode-coverage}
        rank: {by: reverse-kl, goal: minimize}
        out: file:///tmp/elsewhere
        """;
    Sweep sweep = read(text.formatted(1));

    assertThat(sweep.trials()).as("20 draws for each of the 2 grid values").hasSizeBetween(38, 40);
    assertThat(sweep.trials()).allSatisfy(trial -> {
      double rate = trial.params().get("generator.optimizer.learningRate").asDouble();
      assertThat(rate).isBetween(1.0e-5, 1.0e-2);
      assertThat(trial.params().get("loss").get("type").asText()).isIn("non-saturating", "hinge");
    });
    List<Double> rates = sweep.trials().stream()
        .map(trial -> trial.params().get("generator.optimizer.learningRate").asDouble()).toList();
    assertThat(rates.stream().filter(rate -> rate < 1.0e-4).count())
        .as("log-uniform: about a third of the draws per decade, not 1%% below 1e-4").isGreaterThan(5);
    assertThat(sweep.trials().stream().map(trial -> trial.params().get("loss").get("type").asText()).distinct())
        .containsExactlyInAnyOrder("non-saturating", "hinge");
    assertThat(sweep.seeds()).containsExactly(3L, 11L);
    assertThat(sweep.out()).isEqualTo("file:///tmp/elsewhere");

    assertThat(read(text.formatted(1)).trials()).isEqualTo(sweep.trials());
    assertThat(read(text.formatted(2)).trials()).isNotEqualTo(sweep.trials());
  }

  @Test
  void anUnknownPathInTheSpaceIsAnErrorNamingItBeforeAnythingRuns() throws IOException {
    Path sweep = write("""
        base: base.yaml
        space:
          generator.optimizer.learningRat: [1.0e-4, 1.0e-3]
        metric: {type: mode-coverage}
        rank: {by: modes, goal: maximize}
        out: %s
        """.formatted(directory.resolve("out")));

    GanCli.Result result = GanCli.run("sweep", sweep.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("space.generator.optimizer.learningRat")
        .contains("unknown key 'learningRat'").contains("did you mean 'learningRate'?");
    assertThat(result.err().lines().filter(line -> line.contains("learningRat:")).count())
        .as("reported once, not once per value").isEqualTo(1);
    assertThat(directory.resolve("out")).as("nothing ran").doesNotExist();
  }

  @Test
  void everyMistakeIsReportedTogetherWithItsPlaceAndTheFix() {
    List<ConfigProblem> problems = problems("""
        base: base.yaml
        sapce: {}
        space:
          training.batchSize: [0, 32]
          generator.layers[5].units: [4]
          loss.realLabel: {uniform: [1.0, 0.5]}
          latent.size: {normal: [1, 2]}
        seeds: 0
        metric: {type: fidd}
        rank: {by: fid}
        """);

    assertThat(problems).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
        "sapce", "space.loss.realLabel.uniform", "space.latent.size", "seeds", "metric.type", "rank.goal",
        "space.generator.layers[5].units");
    assertThat(problems.stream().filter(p -> p.path().equals("space.generator.layers[5].units")).findFirst()
        .orElseThrow().message()).contains("generator.layers has 2 entries in the base config");
    assertThat(problems.stream().filter(p -> p.path().equals("rank.goal")).findFirst().orElseThrow().message())
        .contains("minimize").contains("maximize");

    List<ConfigProblem> rejected = problems("""
        base: base.yaml
        space:
          training.batchSize: [0, 32]
        metric: {type: mode-coverage}
        rank: {by: modes, goal: maximize}
        """);
    assertThat(rejected).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo("space.training.batchSize");
      assertThat(problem.message()).contains("(with training.batchSize = 0)");
    });
  }

  @Test
  void randomSearchNeedsACountAndAGridRefusesOne() {
    assertThat(problems("""
        base: base.yaml
        space: {training.batchSize: {choice: [16, 32]}}
        metric: {type: mode-coverage}
        rank: {by: modes, goal: maximize}
        """)).singleElement().satisfies(p -> {
          assertThat(p.path()).isEqualTo("trials");
          assertThat(p.message()).contains("how many random draws");
        });
    assertThat(problems("""
        base: base.yaml
        space: {training.batchSize: [16, 32]}
        trials: 4
        metric: {type: mode-coverage}
        rank: {by: modes, goal: maximize}
        """)).singleElement().satisfies(p -> assertThat(p.message()).contains("tries every combination"));
  }

  @Test
  void theExampleSweepsAreValid() throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(GanCli.repository().resolve("examples/sweeps"))) {
      List<Path> sweeps = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
      assertThat(sweeps).isNotEmpty();
      for (Path sweep : sweeps) {
        assertThat(new SweepReader(mapper).read(sweep).trials()).as(sweep.toString()).isNotEmpty();
      }
    }
  }

  private Sweep read(String text) throws IOException {
    return new SweepReader(mapper).read(write(text));
  }

  private List<ConfigProblem> problems(String text) {
    Throwable error = catchThrowable(() -> new SweepReader(mapper).read(write(text)));
    assertThat(error).as("the sweep is rejected").isInstanceOf(ConfigException.class);
    return ((ConfigException) error).problems();
  }

  private Path write(String sweep) throws IOException {
    Files.writeString(directory.resolve("base.yaml"), BASE);
    return Files.writeString(directory.resolve("sweep.yaml"), sweep);
  }
}
