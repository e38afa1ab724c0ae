package dev.ganforge.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ganforge.api.loss.LossProvider;
import dev.ganforge.core.plugin.fixture.FixtureLoss;
import dev.ganforge.core.schedule.AlternatingSchedule;
import dev.ganforge.core.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PluginLoaderTest {
  @TempDir Path plugins;

  @Test
  void findsTheBuiltInScheduleOnTheClasspathAndNamesItsModule() {
    PluginRegistry registry = PluginLoader.loadClasspath();

    PluginDescriptor alternating = registry.find(PluginKind.SCHEDULE, "alternating").orElseThrow();
    assertThat(alternating.provider()).isInstanceOf(AlternatingSchedule.Provider.class);
    assertThat(alternating.origin()).isEqualTo("gan-core");
  }

  @Test
  void loadsAPluginJarInItsOwnClassLoader() throws IOException {
    writeFixtureJar(plugins.resolve("fixture-plugin.jar"));

    PluginDescriptor loaded = PluginLoader.load(getClass().getClassLoader(), List.of(plugins))
        .find(PluginKind.LOSS, "fixture-loss").orElseThrow();

    assertThat(loaded.origin()).isEqualTo("fixture-plugin.jar");
    assertThat(loaded.location()).isEqualTo(plugins.resolve("fixture-plugin.jar").toString());
    // Child-first: the plugin's classes are its own copies, not the test classpath's...
    assertThat(loaded.provider().getClass()).isNotSameAs(FixtureLoss.Provider.class);
    assertThat(loaded.provider().getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
    // ...while the API is shared, so GANForge can use the provider through its interface.
    assertThat(loaded.provider()).isInstanceOf(LossProvider.class);
  }

  @Test
  void aFolderInThePluginDirectoryIsOnePluginMadeOfItsJars() throws IOException {
    Path folder = plugins.resolve("fancy-loss");
    writeFixtureJar(folder.resolve("fancy-loss-1.0.jar"));

    PluginDescriptor loaded = PluginLoader.load(getClass().getClassLoader(), List.of(plugins))
        .find(PluginKind.LOSS, "fixture-loss").orElseThrow();

    assertThat(loaded.origin()).isEqualTo("fancy-loss");
  }

  @Test
  void twoJarsProvidingTheSameTypeFailNamingBothJars() throws IOException {
    Path first = writeFixtureJar(plugins.resolve("a-losses.jar"));
    Path second = writeFixtureJar(plugins.resolve("b-losses.jar"));

    PluginLoadException error = catchThrowableOfType(
        () -> PluginLoader.load(getClass().getClassLoader(), List.of(plugins)), PluginLoadException.class);

    assertThat(error.getMessage())
        .contains("two plugins provide loss type 'fixture-loss'", first.toString(), second.toString());
  }

  @Test
  void aMissingPluginDirectoryIsAUsageError() {
    Path missing = plugins.resolve("nope");

    PluginLoadException error = catchThrowableOfType(
        () -> PluginLoader.load(getClass().getClassLoader(), List.of(missing)), PluginLoadException.class);

    assertThat(error.getMessage()).contains(missing.toString(), "does not exist or is not a folder");
  }

  @Test
  void aPluginWhoseProviderClassIsMissingIsReportedWithItsJar() throws IOException {
    Path jar = plugins.resolve("broken.jar");
    Map<Class<?>, Boolean> classes = new LinkedHashMap<>();
    classes.put(FixtureLoss.Config.class, false);
    PluginJars.write(jar, LossProvider.class, classes);
    Files.writeString(plugins.resolve("ignored.txt"), "not a plugin");
    // A services file naming a class the jar does not contain.
    try (var fs = java.nio.file.FileSystems.newFileSystem(jar)) {
      Files.writeString(fs.getPath("META-INF/services/" + LossProvider.class.getName()), "com.example.Missing\n");
    }

    PluginLoadException error = catchThrowableOfType(
        () -> PluginLoader.load(getClass().getClassLoader(), List.of(plugins)), PluginLoadException.class);

    assertThat(error.getMessage()).contains("cannot load a loss plugin from " + jar, "com.example.Missing");
  }

  @Test
  void aJarThatIsNoZipFileIsAnErrorNamingIt() throws IOException {
    Path jar = Files.writeString(plugins.resolve("notes.jar"), "this is not a zip file");

    PluginLoadException error = catchThrowableOfType(
        () -> PluginLoader.load(getClass().getClassLoader(), List.of(plugins)), PluginLoadException.class);

    assertThat(error).as("a broken jar must not be passed over in silence").isNotNull();
    assertThat(error.getMessage()).contains("plugin " + jar + " is not a jar (zip) file");
  }

  @Test
  void aServicesFileNamingANonProviderIsAnErrorNamingTheJarAndTheClass() throws IOException {
    Path jar = plugins.resolve("odd.jar");
    Map<Class<?>, Boolean> classes = new LinkedHashMap<>();
    classes.put(FixtureLoss.Config.class, false);
    PluginJars.write(jar, LossProvider.class, classes);
    try (var fs = java.nio.file.FileSystems.newFileSystem(jar)) {
      Files.writeString(fs.getPath("META-INF/services/" + LossProvider.class.getName()), "java.lang.String\n");
    }

    PluginLoadException error = catchThrowableOfType(
        () -> PluginLoader.load(getClass().getClassLoader(), List.of(plugins)), PluginLoadException.class);

    assertThat(error).as("a class that is no provider must not be passed over in silence").isNotNull();
    assertThat(error.getMessage()).contains("plugin " + jar, "names java.lang.String, which is not a loss provider");
  }

  @Test
  void apiAndEnginePackagesAreLoadedParentFirst() {
    assertThat(PluginClassLoader.isParentFirst("dev.ganforge.api.loss.Loss")).isTrue();
    assertThat(PluginClassLoader.isParentFirst("org.nd4j.linalg.api.ndarray.INDArray")).isTrue();
    assertThat(PluginClassLoader.isParentFirst("org.deeplearning4j.nn.conf.layers.DenseLayer")).isTrue();
    assertThat(PluginClassLoader.isParentFirst("com.google.common.collect.ImmutableList")).isFalse();
    assertThat(PluginClassLoader.isParentFirst("dev.ganforge.core.config.ConfigMapper")).isFalse();
  }

  private static Path writeFixtureJar(Path jar) throws IOException {
    Map<Class<?>, Boolean> classes = new LinkedHashMap<>();
    classes.put(FixtureLoss.class, false);
    classes.put(FixtureLoss.Config.class, false);
    classes.put(FixtureLoss.Provider.class, true);
    return PluginJars.write(jar, LossProvider.class, classes);
  }
}
