package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The docs users read match the code they run. */
final class DocsTest {
  @Test
  void theConfigReferenceIsWhatGanPluginsGenerates() throws IOException {
    Path reference = GanCli.repository().resolve("docs/config-reference.md");
    GanCli.Result generated = GanCli.run("plugins", "--format", "markdown");

    assertThat(generated.exitCode()).isZero();
    assertThat(Files.exists(reference))
        .as("docs/config-reference.md is missing; run ./gan plugins --format markdown > docs/config-reference.md")
        .isTrue();
    assertThat(Files.readString(reference))
        .as("docs/config-reference.md is stale; run ./gan plugins --format markdown > docs/config-reference.md")
        .isEqualTo(generated.out());
  }

  @Test
  void everyExampleConfigIsValid() throws IOException {
    List<Path> examples;
    try (Stream<Path> files = Files.list(GanCli.repository().resolve("examples"))) {
      examples = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }

    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      GanCli.Result result = GanCli.run("validate", example.toString());
      assertThat(result.exitCode()).as(example + ": " + result.err()).isZero();
    }
  }
}
