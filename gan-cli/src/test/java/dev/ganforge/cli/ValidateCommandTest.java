package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ValidateCommandTest {
  @TempDir Path directory;

  @Test
  void reportsAllFourProblemsWithPathsInOneRunWithoutAStackTrace() throws IOException {
    Path config = write("broken.yaml", """
        data: {type: gaussian-grid}
        latent: {size: 2}
        generator:
          layers:
            - {type: dense, units: 128, activation: relu}
            - {type: dense}
        discriminator:
          layers:
            - {type: dense, units: 128, activation: leaky-relu}
            - {type: dense, units: 1}
          optimizer: {type: adam, learningRat: 2.0e-4, beta1: fast}
        loss: {type: focal}
        """);

    GanCli.Result result = GanCli.run("validate", config.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("error: " + config + " has 4 problems:\n"
        + "  - generator.layers[1].units: missing required key 'units' (whole number): Number of output units.\n"
        + "  - discriminator.optimizer.learningRat: unknown key 'learningRat'; did you mean 'learningRate'? "
        + "known keys of optimizer 'adam': learningRate, beta1, beta2, epsilon\n"
        + "  - discriminator.optimizer.beta1: expected a number, got 'fast' (text)\n"
        + "  - loss.type: unknown loss type 'focal'; known loss types: auxiliary-classifier, feature-matching, hinge, lsgan, minimax, non-saturating, "
        + "relativistic, relativistic-average, wasserstein; is its plugin on the classpath or in --plugin-dir?\n");
  }

  @Test
  void aValidConfigExitsZero() {
    GanCli.Result result = GanCli.run("validate", GanCli.repository().resolve("examples/gaussian-grid.yaml").toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).endsWith("gaussian-grid.yaml is valid.\n");
  }

  @Test
  void everyShippedConfigIsValid() throws IOException {
    List<Path> configs;
    try (var files = Files.walk(GanCli.repository().resolve("examples"), 1);
        var benchmarks = Files.walk(GanCli.repository().resolve("docs/benchmarks"), 2)) {
      configs = java.util.stream.Stream.concat(files, benchmarks)
          .filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(configs).hasSizeGreaterThan(10);
    for (Path config : configs) {
      GanCli.Result result = GanCli.run("validate", config.toString());
      assertThat(result.exitCode()).as(config + ": " + result.err()).isZero();
    }
  }

  @Test
  void printShowsTheConfigWithEveryDefaultFilledIn() throws IOException {
    Path config = write("minimal.yaml", """
        data: {type: gaussian-ring}
        generator: {layers: [{type: dense, units: 2}]}
        discriminator: {layers: [{type: dense, units: 1}]}
        loss: {type: hinge}
        """);

    GanCli.Result result = GanCli.run("validate", "--print", config.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains(
        "type: gaussian-ring", "modes: 8", "type: adam", "learningRate: 2.0E-4", "type: alternating",
        "discriminatorSteps: 1", "batchSize: 64", "reuseFakes: true");
  }

  @Test
  void aMissingFileIsAUsageError() {
    GanCli.Result result = GanCli.run("validate", directory.resolve("nope.yaml").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: " + directory.resolve("nope.yaml") + " has 1 problem:\n  - file not found\n");
  }

  @Test
  void stacktraceShowsTheTraceOnRequest() throws IOException {
    Path config = write("empty.yaml", "");

    GanCli.Result quiet = GanCli.run("validate", config.toString());
    GanCli.Result loud = GanCli.run("validate", config.toString(), "--stacktrace");

    assertThat(quiet.err()).doesNotContain("\tat ");
    assertThat(loud.err()).contains("the config is empty", "ConfigException", "\tat ");
    assertThat(loud.exitCode()).isEqualTo(2);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(directory.resolve(name), text);
  }
}
