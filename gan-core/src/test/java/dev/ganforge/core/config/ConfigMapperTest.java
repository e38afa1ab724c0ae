package dev.ganforge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ganforge.core.data.GaussianGridConfig;
import dev.ganforge.core.optimizer.AdamConfig;
import dev.ganforge.core.optimizer.RmsPropConfig;
import dev.ganforge.core.plugin.fixture.FixtureLayer;
import dev.ganforge.core.plugin.fixture.FixtureLoss;
import dev.ganforge.core.plugin.fixture.Fixtures;
import dev.ganforge.core.schedule.AlternatingScheduleConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigMapperTest {
  private static final String VALID = """
      seed: 7
      data: {type: gaussian-grid}
      latent: {size: 2}
      generator:
        layers:
          - {type: fixture-dense, units: 64}
          - {type: fixture-dense, units: 2, bias: false}
        optimizer: {type: adam, learningRate: 1.0e-4, beta1: 0.5}
      discriminator:
        layers:
          - {type: fixture-dense, units: 64}
          - {type: fixture-dense, units: 1}
        optimizer: {type: rmsprop}
      loss: {type: fixture-loss, margin: 2}
      schedule: {type: alternating, discriminatorSteps: 5}
      training: {steps: 100, batchSize: 32}
      """;

  private final ConfigMapper mapper = new ConfigMapper(Fixtures.registry());

  @Test
  void readsAValidConfigAndFillsInEveryDefault() {
    GanConfig config = read(VALID);

    assertThat(config.seed()).isEqualTo(7L);
    assertThat(config.data()).isEqualTo(new GaussianGridConfig(5, 2.0, 0.05));
    assertThat(config.latent()).isEqualTo(new LatentConfig(2, LatentDistribution.NORMAL));
    assertThat(config.generator().layers())
        .containsExactly(new FixtureLayer.Config(64, true), new FixtureLayer.Config(2, false));
    assertThat(config.generator().optimizer()).isEqualTo(new AdamConfig(1e-4, 0.5, 0.999, 1e-8));
    assertThat(config.discriminator().optimizer()).isEqualTo(new RmsPropConfig(5e-5, 0.95, 1e-8));
    assertThat(config.loss()).isEqualTo(new FixtureLoss.Config(2.0));
    assertThat(config.schedule()).isEqualTo(new AlternatingScheduleConfig(5, 1));
    assertThat(config.training()).isEqualTo(new TrainingConfig(100, 32, 500, 1000, true, 10, 3, null, 1, null));
    assertThat(config.regularizers()).isEmpty();
  }

  @Test
  void reportsEveryProblemInOneGoEachWithItsPath() {
    String broken = VALID
        .replace("{type: fixture-loss, margin: 2}", "{type: focal}")
        .replace("learningRate: 1.0e-4, beta1: 0.5", "learningRat: 1.0e-4, beta1: fast")
        .replace("{type: fixture-dense, units: 2, bias: false}", "{type: fixture-dense, bias: false}");

    List<ConfigProblem> problems = problemsOf(broken);

    assertThat(problems).extracting(ConfigProblem::path).containsExactly(
        "generator.layers[1].units",
        "generator.optimizer.learningRat",
        "generator.optimizer.beta1",
        "loss.type");
    assertThat(problems.get(0).message()).contains("missing required key 'units'", "whole number");
    assertThat(problems.get(1).message())
        .contains("unknown key 'learningRat'", "did you mean 'learningRate'?", "beta1, beta2, epsilon");
    assertThat(problems.get(2).message()).isEqualTo("expected a number, got 'fast' (text)");
    assertThat(problems.get(3).message()).isEqualTo(
        "unknown loss type 'focal'; known loss types: fixture-loss; is its plugin on the classpath or in "
            + "--plugin-dir?");
  }

  @Test
  void theExceptionMessageListsAllProblems() {
    ConfigException error = catchThrowableOfType(
        () -> mapper.read(VALID.replace("seed: 7", "seed: seven\nsteps: 3"), false, "run.yaml", GanConfig.class),
        ConfigException.class);

    assertThat(error.getMessage()).isEqualTo("""
        run.yaml has 2 problems:
          - seed: expected a whole number, got 'seven' (text)
          - steps: unknown key 'steps'; known keys: seed, data, latent, generator, discriminator, loss, \
        regularizers, schedule, metrics, alerts, training, listeners""");
  }

  @Test
  void valueChecksInRecordConstructorsAreReportedAtTheFieldPath() {
    List<ConfigProblem> problems = problemsOf(VALID
        .replace("{steps: 100, batchSize: 32}", "{steps: 100, batchSize: -32}")
        .replace("{type: fixture-dense, units: 1}", "{type: fixture-dense, units: 0}"));

    assertThat(problems).containsExactly(
        new ConfigProblem("discriminator.layers[1].units", "must be positive, got 0"),
        new ConfigProblem("training.batchSize", "must be positive, got -32"));
  }

  @Test
  void unknownTypeSuggestsTheClosestKnownName() {
    List<ConfigProblem> problems = problemsOf(VALID.replace("{type: rmsprop}", "{type: rmsprob}"));

    assertThat(problems).singleElement().satisfies(problem -> {
      assertThat(problem.path()).isEqualTo("discriminator.optimizer.type");
      assertThat(problem.message()).isEqualTo(
          "unknown optimizer type 'rmsprob'; did you mean 'rmsprop'? known optimizer types: adam, rmsprop, sgd");
    });
  }

  @Test
  void aMissingTypeKeyNamesTheKnownTypes() {
    assertThat(problemsOf(VALID.replace("{type: fixture-loss, margin: 2}", "{margin: 2}")))
        .containsExactly(new ConfigProblem("loss.type", "missing loss type; known loss types: fixture-loss"));
  }

  @Test
  void enumValuesAreCheckedWithSuggestions() {
    assertThat(problemsOf(VALID.replace("{size: 2}", "{size: 2, distribution: normall}")))
        .containsExactly(new ConfigProblem("latent.distribution",
            "expected one of normal, uniform, got 'normall' (text); did you mean 'normal'?"));
  }

  @Test
  void missingRequiredSectionsAreReported() {
    assertThat(problemsOf("seed: 1\n")).extracting(ConfigProblem::path)
        .containsExactly("data", "generator", "discriminator", "loss");
  }

  @Test
  void numbersWrittenAsTextAreAcceptedBecauseYamlReadsOneEMinusFourAsText() {
    GanConfig config = read(VALID.replace("learningRate: 1.0e-4", "learningRate: 1e-4"));

    assertThat(config.generator().optimizer().learningRate()).isEqualTo(1e-4);
  }

  @Test
  void fractionsAreRejectedWhereAWholeNumberBelongs() {
    assertThat(problemsOf(VALID.replace("batchSize: 32", "batchSize: 32.5")))
        .containsExactly(new ConfigProblem("training.batchSize", "expected a whole number, got 32.5"));
  }

  @Test
  void aListWhereAMappingBelongsIsReported() {
    assertThat(problemsOf(VALID.replace("{steps: 100, batchSize: 32}", "[100, 32]")))
        .containsExactly(new ConfigProblem("training", "expected a mapping (key: value pairs), got a list"));
  }

  @Test
  void yamlSyntaxErrorsNameTheLine() {
    assertThat(problemsOf("seed: 7\ndata: {type: gaussian-grid\n")).singleElement()
        .satisfies(problem -> assertThat(problem.message())
            .startsWith("syntax error at line 2")
            .contains("while parsing a flow mapping", "expected ',' or '}'"));
  }

  @Test
  void duplicateKeysAreErrors() {
    assertThat(problemsOf("seed: 7\nseed: 8\n")).singleElement()
        .satisfies(problem -> assertThat(problem.message()).contains("Duplicate field 'seed'"));
  }

  @Test
  void anEmptyFileIsReported() {
    assertThat(problemsOf("")).containsExactly(new ConfigProblem("", "the config is empty"));
  }

  @Test
  void readsJsonFilesByExtension(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("config.json");
    Files.writeString(file, mapper.toTree(read(VALID)).toPrettyString());

    assertThat(mapper.read(file, GanConfig.class)).isEqualTo(read(VALID));
  }

  @Test
  void aMissingFileIsAConfigProblem(@TempDir Path directory) {
    ConfigException error = catchThrowableOfType(
        () -> mapper.read(directory.resolve("nope.yaml"), GanConfig.class), ConfigException.class);

    assertThat(error.problems()).containsExactly(new ConfigProblem("", "file not found"));
  }

  @Test
  void theResolvedYamlReadsBackToTheSameConfig() {
    GanConfig config = read(VALID);
    String resolved = mapper.toYaml(config);

    assertThat(resolved).contains("type: adam", "type: fixture-dense", "reuseFakes: true");
    assertThat(read(resolved)).isEqualTo(config);
  }

  private GanConfig read(String yaml) {
    return mapper.read(yaml, false, "test.yaml", GanConfig.class);
  }

  private List<ConfigProblem> problemsOf(String yaml) {
    return catchThrowableOfType(() -> read(yaml), ConfigException.class).problems();
  }

  @Test
  void yamlsSpecialFloatsAreNumbersThatTheRangeCheckNamesNotSyntaxErrors() {
    for (String special : new String[] {".inf", ".nan", "-.inf", ".Inf"}) {
      ConfigException error = catchThrowableOfType(() -> read(VALID.replace("learningRate: 1.0e-4",
          "learningRate: " + special)), ConfigException.class);

      assertThat(error.problems()).as(special).singleElement().satisfies(problem -> {
        assertThat(problem.path()).isEqualTo("generator.optimizer.learningRate");
        assertThat(problem.message()).startsWith("must be a finite number, got");
      });
    }
  }

  @Test
  void aBinaryConfigFileIsNamedForWhatItIs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
      throws java.io.IOException {
    java.nio.file.Path binary = java.nio.file.Files.write(directory.resolve("config.yaml"),
        new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80});

    ConfigException error = catchThrowableOfType(() -> mapper.read(binary, GanConfig.class), ConfigException.class);

    assertThat(error.getMessage()).contains("is not UTF-8 text (a binary file?)");
  }
}
