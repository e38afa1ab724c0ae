package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example third-party plugin, as a user installs it: its jar in a plugin directory. */
final class ExamplePluginTest {
  @TempDir Path plugins;

  private final Path exampleConfig = GanCli.repository().resolve("examples/plugin-example/least-absolute.yaml");

  @Test
  void isNotOnTheClasspath() {
    assertThat(GanCli.run("plugins", "--kind", "loss").out()).doesNotContain("least-absolute");
  }

  @Test
  void isListedFromThePluginDirectoryWithItsJar() throws IOException {
    install("gan-plugin-example-0.1.0.jar");

    GanCli.Result result = GanCli.run("plugins", "--kind", "loss", "--plugin-dir", plugins.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("loss (10)")
        .containsPattern("least-absolute +gan-plugin-example-0\\.1\\.0\\.jar +Example plugin: L1 analogue of LSGAN\\.")
        .contains("realTarget  number, default 1.0");
  }

  @Test
  void validateAcceptsAConfigUsingItOnlyWithThePluginDirectory() throws IOException {
    install("gan-plugin-example-0.1.0.jar");

    GanCli.Result without = GanCli.run("validate", exampleConfig.toString());
    GanCli.Result with = GanCli.run("--plugin-dir", plugins.toString(), "validate", exampleConfig.toString());

    assertThat(without.exitCode()).isEqualTo(2);
    assertThat(without.err()).contains("unknown loss type 'least-absolute'", "--plugin-dir");
    assertThat(with.exitCode()).as(with.err()).isZero();
    assertThat(with.out()).contains("is valid.");
  }

  @Test
  void aPluginFolderWithItsJarsWorksToo() throws IOException {
    Files.createDirectories(plugins.resolve("least-absolute"));
    Files.copy(GanCli.examplePluginJar(), plugins.resolve("least-absolute/gan-plugin-example-0.1.0.jar"));

    GanCli.Result result = GanCli.run("plugins", "--kind", "loss", "--plugin-dir", plugins.toString());

    assertThat(result.out()).containsPattern("least-absolute +least-absolute +Example plugin");
  }

  @Test
  void aDuplicateTypeNameFailsAtStartUpNamingBothJars() throws IOException {
    Path first = install("gan-plugin-example-0.1.0.jar");
    Path second = install("gan-plugin-example-copy.jar");

    GanCli.Result result = GanCli.run("plugins", "--plugin-dir", plugins.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("two plugins provide loss type 'least-absolute'", first.toString(), second.toString())
        .doesNotContain("\tat ");
  }

  @Test
  void itsTrainingProcedureAndListenerRunFromThePluginDirectory(@TempDir Path runs) throws IOException {
    install("gan-plugin-example-0.1.0.jar");
    Path run = runs.resolve("warmup");
    Path config = GanCli.repository().resolve("examples/plugin-example/wgan-critic-warmup.yaml");

    GanCli.Result result = GanCli.run("--plugin-dir", plugins.toString(), "train", config.toString(), "--steps", "20",
        "--out", run.toString(), "--no-progress");

    assertThat(result.exitCode()).as(result.err()).isZero();
    // critic-warmup: 20 critic steps in each of the first 10 iterations, then 5 (warmupEvery 200 > 20).
    String state = Files.readString(run.resolve("checkpoints/step-000020/state.json"));
    assertThat(state).contains("\"discriminatorUpdates\" : " + (10 * 20 + 10 * 5))
        .contains("\"generatorUpdates\" : 20");
    // csv-losses with every: 10 wrote iterations 10 and 20.
    List<String> rows = Files.readAllLines(run.resolve("losses.csv"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).isEqualTo("step,discriminator,generator");
    assertThat(rows.get(1)).startsWith("10,");
    assertThat(rows.get(2)).startsWith("20,");
  }

  @Test
  void gansPluginsListsTheNewKindsWithTheExamplesTypes() throws IOException {
    install("gan-plugin-example-0.1.0.jar");

    GanCli.Result result = GanCli.run("plugins", "--plugin-dir", plugins.toString());

    assertThat(result.out()).containsPattern("critic-warmup +gan-plugin-example-0\\.1\\.0\\.jar")
        .containsPattern("csv-losses +gan-plugin-example-0\\.1\\.0\\.jar")
        .contains("listener (1)");
  }

  private Path install(String name) throws IOException {
    return Files.copy(GanCli.examplePluginJar(), plugins.resolve(name));
  }
}
