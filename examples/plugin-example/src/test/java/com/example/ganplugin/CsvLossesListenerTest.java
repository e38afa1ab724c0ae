package com.example.ganplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganforge.api.listener.ListenerProvider;
import dev.ganforge.api.listener.RunStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CsvLossesListenerTest {
  @TempDir Path run;

  @Test
  void isRegisteredAsAListenerProvider() {
    List<String> types = new ArrayList<>();
    ServiceLoader.load(ListenerProvider.class).forEach(provider -> types.add(provider.type()));
    assertTrue(types.contains("csv-losses"), types.toString());
  }

  @Test
  void writesTheLossesOfEveryNthIteration() throws IOException {
    CsvLossesListener listener = new CsvLossesListener(new CsvLossesListener.Config(null, 2));

    listener.onStart(new RunStart(run, 0, 4));
    for (long step = 1; step <= 4; step++) {
      listener.onIteration(step, Map.of("loss/discriminator", step * 1.0, "loss/generator", step * 0.5));
    }
    listener.onFinish(4);

    assertEquals(List.of("step,discriminator,generator", "2,2.0,1.0", "4,4.0,2.0"),
        Files.readAllLines(run.resolve("losses.csv")));
  }

  @Test
  void aResumedRunDropsTheRowsAfterItsCheckpointAndContinuesTheFile() throws IOException {
    Files.write(run.resolve("losses.csv"), List.of("step,discriminator,generator", "1,1.0,0.5", "2,2.0,1.0",
        "3,3.0,1.5", "4,4.0"));
    CsvLossesListener listener = new CsvLossesListener(new CsvLossesListener.Config(null, null));

    listener.onStart(new RunStart(run, 2, 4));
    listener.onIteration(3, Map.of("loss/discriminator", 30.0, "loss/generator", 15.0));
    listener.onFinish(3);

    assertEquals(List.of("step,discriminator,generator", "1,1.0,0.5", "2,2.0,1.0", "3,30.0,15.0"),
        Files.readAllLines(run.resolve("losses.csv")));
  }

  @Test
  void aRollbackDropsTheRowsAfterItsCheckpoint() throws IOException {
    CsvLossesListener listener = new CsvLossesListener(new CsvLossesListener.Config(null, null));
    listener.onStart(new RunStart(run, 0, 4));
    for (long step = 1; step <= 3; step++) {
      listener.onIteration(step, Map.of("loss/discriminator", 1.0 * step, "loss/generator", 0.0));
    }

    listener.onRollback(1);
    listener.onIteration(2, Map.of("loss/discriminator", 20.0, "loss/generator", 0.0));
    listener.onFinish(2);

    assertEquals(List.of("step,discriminator,generator", "1,1.0,0.0", "2,20.0,0.0"),
        Files.readAllLines(run.resolve("losses.csv")));
  }
}
