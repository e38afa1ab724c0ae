package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class PluginsCommandTest {
  @Test
  void listsEveryBuiltInTypeGroupedByKindWithItsModule() {
    GanCli.Result result = GanCli.run("plugins");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    String out = result.out();
    assertThat(out).containsSubsequence("layer (26)", "loss (9)", "regularizer (8)", "metric (6)", "schedule (4)");
    assertThat(out).containsSubsequence("layer (26)",
        "activation                gan-layers", "batch-norm                gan-layers",
        "conv2d                    gan-layers", "deconv2d                  gan-layers",
        "dense                     gan-layers", "downsample                gan-layers", "dropout                   gan-layers",
        "equalized-conv2d          gan-layers", "equalized-dense           gan-layers",
        "flatten                   gan-layers", "label-embedding           gan-layers",
        "mapping-network           gan-layers", "minibatch-discrimination  gan-layers",
        "minibatch-stddev          gan-layers", "modulated-conv2d          gan-layers",
        "modulated-dense           gan-layers", "noise-injection           gan-layers",
        "pixel-norm                gan-layers", "reshape                   gan-layers",
        "self-attention            gan-layers",
        "spectral-conv2d           gan-layers", "spectral-deconv2d         gan-layers",
        "spectral-dense            gan-layers", "stage                     gan-progressive",
        "upsample                  gan-layers", "virtual-batch-norm        gan-layers", "loss (9)");
    assertThat(out).containsSubsequence("metric (6)", "class-fidelity    gan-metrics", "fid               gan-metrics",
        "inception-score   gan-metrics", "kid               gan-metrics", "mode-coverage     gan-metrics",
        "precision-recall  gan-metrics", "schedule (4)");
    assertThat(out).containsSubsequence("loss (9)",
        "auxiliary-classifier  gan-losses", "feature-matching      gan-losses", "hinge                 gan-losses", "lsgan                 gan-losses",
        "minimax               gan-losses", "non-saturating        gan-losses", "relativistic          gan-losses",
        "relativistic-average  gan-losses", "wasserstein           gan-losses", "regularizer (8)");
    assertThat(out).containsSubsequence("regularizer (8)", "dragan                gan-losses",
        "drift                 gan-losses", "gradient-penalty      gan-losses", "historical-averaging  gan-losses", "instance-noise        gan-losses",
        "r1                    gan-losses", "r2                    gan-losses", "weight-clipping       gan-losses");
    assertThat(out).contains("alternating  gan-core", "progressive  gan-progressive", "stacked      gan-progressive",
        "unrolled     gan-core");
  }

  @Test
  void showsConfigKeysWithDefaultsAndRequiredness() {
    String out = GanCli.run("plugins", "--kind", "layer").out();

    assertThat(out).contains("units       whole number, required. Number of output units.");
    assertThat(out).contains("weightInit  one of xavier, he, fan-in-normal, dcgan, default xavier");
  }

  @Test
  void filtersByKind() {
    GanCli.Result result = GanCli.run("plugins", "--kind", "LOSS");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("loss (9)").doesNotContain("layer (", "schedule (");
  }

  @Test
  void anUnknownKindIsAUsageErrorNamingTheKnownKinds() {
    GanCli.Result result = GanCli.run("plugins", "--kind", "losses");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("unknown kind 'losses'; known kinds: layer, loss, regularizer, metric, schedule");
  }

  @Test
  void withoutASubcommandPrintsUsageAndExitsTwo() {
    GanCli.Result result = GanCli.run();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Usage: gan", "plugins", "validate", "Exit codes:");
  }
}
