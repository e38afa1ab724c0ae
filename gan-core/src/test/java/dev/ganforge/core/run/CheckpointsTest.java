package dev.ganforge.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code checkpoints/latest} names a checkpoint of this run, by its plain name, or nothing is read. */
final class CheckpointsTest {
  @TempDir Path run;

  @Test
  void latestNamingAPathOutsideTheRunIsRefused() throws IOException {
    Checkpoints checkpoints = new Checkpoints(run.resolve("checkpoints"), 3);
    Files.createDirectories(run.resolve("checkpoints/step-000100"));

    for (String evil : new String[] {"../../../evil", "/etc/evil", "step-000100/../../evil", "..", "step-1"}) {
      Files.writeString(run.resolve("checkpoints/latest"), evil + "\n");
      assertThatThrownBy(checkpoints::latest).as(evil).isInstanceOf(CheckpointException.class)
          .hasMessageContaining("names '" + evil + "', which is not a checkpoint of this run")
          .hasMessageContaining("present: step-000100");
    }
    assertThatThrownBy(() -> checkpoints.read("../../evil")).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("is not a checkpoint name");
  }

  @Test
  void anEmptyLatestSaysSo() throws IOException {
    Checkpoints checkpoints = new Checkpoints(run.resolve("checkpoints"), 3);
    Files.createDirectories(run.resolve("checkpoints"));
    Files.writeString(run.resolve("checkpoints/latest"), "\n");

    assertThatThrownBy(checkpoints::latest).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("latest is empty");
  }

  @Test
  void aPlainCheckpointNameIsRead() throws IOException {
    Checkpoints checkpoints = new Checkpoints(run.resolve("checkpoints"), 3);
    Files.createDirectories(run.resolve("checkpoints"));
    Files.writeString(run.resolve("checkpoints/latest"), "step-001500\n");

    assertThat(checkpoints.latest()).contains("step-001500");
  }

  @Test
  void halfWrittenCheckpointsAreCleanedUp() throws IOException {
    Checkpoints checkpoints = new Checkpoints(run.resolve("checkpoints"), 3);
    Files.createDirectories(run.resolve("checkpoints/.partial-step-000040"));
    Files.writeString(run.resolve("checkpoints/.partial-step-000040/generator.zip"), "half");
    Files.createDirectories(run.resolve("checkpoints/step-000020"));

    checkpoints.removeLeftovers();

    assertThat(run.resolve("checkpoints/.partial-step-000040")).doesNotExist();
    assertThat(run.resolve("checkpoints/step-000020")).isDirectory();
  }
}
