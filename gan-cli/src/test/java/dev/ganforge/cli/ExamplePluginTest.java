package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example third-party plugin, as a user installs it: its jar in a plugin directory. */
final class ExamplePluginTest {
  @TempDir Path plugins;

  private final Path exampleConfig = Gan.repository().resolve("examples/plugin-example/least-absolute.yaml");

  @Test
  void isNotOnTheClasspath() {
    assertThat(Gan.run("plugins", "--kind", "loss").out()).doesNotContain("least-absolute");
  }

  @Test
  void isListedFromThePluginDirectoryWithItsJar() throws IOException {
    install("gan-plugin-example-0.1.0.jar");

    Gan.Result result = Gan.run("plugins", "--kind", "loss", "--plugin-dir", plugins.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("loss (10)")
        .containsPattern("least-absolute +gan-plugin-example-0\\.1\\.0\\.jar +Example plugin: L1 analogue of LSGAN\\.")
        .contains("realTarget  number, default 1.0");
  }

  @Test
  void validateAcceptsAConfigUsingItOnlyWithThePluginDirectory() throws IOException {
    install("gan-plugin-example-0.1.0.jar");

    Gan.Result without = Gan.run("validate", exampleConfig.toString());
    Gan.Result with = Gan.run("--plugin-dir", plugins.toString(), "validate", exampleConfig.toString());

    assertThat(without.exitCode()).isEqualTo(2);
    assertThat(without.err()).contains("unknown loss type 'least-absolute'", "--plugin-dir");
    assertThat(with.exitCode()).as(with.err()).isZero();
    assertThat(with.out()).contains("is valid.");
  }

  @Test
  void aPluginFolderWithItsJarsWorksToo() throws IOException {
    Files.createDirectories(plugins.resolve("least-absolute"));
    Files.copy(Gan.examplePluginJar(), plugins.resolve("least-absolute/gan-plugin-example-0.1.0.jar"));

    Gan.Result result = Gan.run("plugins", "--kind", "loss", "--plugin-dir", plugins.toString());

    assertThat(result.out()).containsPattern("least-absolute +least-absolute +Example plugin");
  }

  @Test
  void aDuplicateTypeNameFailsAtStartUpNamingBothJars() throws IOException {
    Path first = install("gan-plugin-example-0.1.0.jar");
    Path second = install("gan-plugin-example-copy.jar");

    Gan.Result result = Gan.run("plugins", "--plugin-dir", plugins.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("two plugins provide loss type 'least-absolute'", first.toString(), second.toString())
        .doesNotContain("\tat ");
  }

  private Path install(String name) throws IOException {
    return Files.copy(Gan.examplePluginJar(), plugins.resolve(name));
  }
}
