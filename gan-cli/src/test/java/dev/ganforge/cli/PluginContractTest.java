package dev.ganforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganforge.api.PluginProvider;
import dev.ganforge.api.loss.Loss;
import dev.ganforge.api.loss.LossConfig;
import dev.ganforge.core.config.ConfigMapper;
import dev.ganforge.core.plugin.PluginDescriptor;
import dev.ganforge.core.plugin.PluginKind;
import dev.ganforge.core.plugin.PluginLoader;
import dev.ganforge.core.plugin.PluginRegistry;
import dev.ganforge.core.testing.LossContract;
import dev.ganforge.core.testing.PluginContracts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The contract suite: every plugin the launcher discovers (the built-ins on its classpath and the example
 * third-party plugin from a plugin directory) passes the checks of its kind.
 */
final class PluginContractTest {
  // Scores away from the kinks of piecewise-linear losses (hinge at r = 1, f = -1; L1 at 0 and 1).
  private static final double[] REAL = {2.5, -0.7, 0.3, 8.0};
  private static final double[] FAKE = {-3.0, 0.4, -0.2, -9.0};

  @TempDir static Path plugins;

  @TestFactory
  Stream<DynamicTest> everyPluginFollowsTheConventions() throws IOException {
    PluginRegistry registry = registry();
    ConfigMapper mapper = new ConfigMapper(registry);
    assertThat(registry.all()).hasSizeGreaterThanOrEqualTo(10);
    return registry.all().stream().map(descriptor -> DynamicTest.dynamicTest(
        descriptor.kind().displayName() + " " + descriptor.type(),
        () -> PluginContracts.assertFollowsConventions(mapper, descriptor)));
  }

  @TestFactory
  Stream<DynamicTest> everyLossHasExactDerivatives() throws IOException {
    PluginRegistry registry = registry();
    ConfigMapper mapper = new ConfigMapper(registry);
    List<PluginDescriptor> losses = registry.ofKind(PluginKind.LOSS);
    assertThat(losses).extracting(PluginDescriptor::type).contains("least-absolute", "hinge");
    return losses.stream().map(descriptor -> DynamicTest.dynamicTest(descriptor.type(), () -> {
      LossConfig config = mapper.read("{type: " + descriptor.type() + "}", false, "contract", LossConfig.class);
      @SuppressWarnings({"unchecked", "rawtypes"})
      Loss loss = (Loss) ((PluginProvider) descriptor.provider())
          .create(config, PluginContracts.context(DataType.DOUBLE, LABELLED_DATA));
      if (loss.scoresPerSample() == 1 && !loss.usesLabels()) {
        LossContract.assertDerivativesMatchFiniteDifferences(loss, REAL, FAKE);
      } else {
        // Several scores per sample (an auxiliary classifier's logits) and labels: one column per score.
        int width = loss.scoresPerSample();
        LossContract.assertDerivativesMatchFiniteDifferences(loss, scores(REAL, width), scores(FAKE, width),
            oneHot(0, 2, 1, 2), oneHot(1, 1, 0, 2));
      }
    }));
  }

  /** Three classes of two-dimensional samples, for plugins that need labelled data. */
  private static final dev.ganforge.api.DatasetInfo LABELLED_DATA =
      new dev.ganforge.api.DatasetInfo("contract", List.of(2L), 3, java.util.Optional.empty(), 0.0);

  /** {@code [n, width]}: column 0 the given scores, later columns shifted copies of them. */
  private static org.nd4j.linalg.api.ndarray.INDArray scores(double[] column, int width) {
    double[][] values = new double[column.length][width];
    for (int i = 0; i < column.length; i++) {
      for (int j = 0; j < width; j++) {
        values[i][j] = column[i] * (1 - 0.3 * j) + 0.5 * j;
      }
    }
    return org.nd4j.linalg.factory.Nd4j.createFromArray(values).castTo(DataType.DOUBLE);
  }

  private static org.nd4j.linalg.api.ndarray.INDArray oneHot(int... classes) {
    org.nd4j.linalg.api.ndarray.INDArray labels = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, classes.length, 3);
    for (int i = 0; i < classes.length; i++) {
      labels.putScalar(i, classes[i], 1.0);
    }
    return labels;
  }

  private static PluginRegistry registry() throws IOException {
    Path jar = plugins.resolve("gan-plugin-example.jar");
    if (!Files.exists(jar)) {
      Files.copy(GanCli.examplePluginJar(), jar);
    }
    return PluginLoader.load(PluginContractTest.class.getClassLoader(), List.of(plugins));
  }
}
