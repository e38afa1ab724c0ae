package dev.ganforge.metrics.features;

import java.nio.file.Path;

/**
 * Where feature extractors live by default: {@code $GANFORGE_HOME/classifiers/<dataset>.zip}, with
 * {@code GANFORGE_HOME} defaulting to {@code ~/.ganforge}. {@code gan classifier train} writes there and
 * the metrics read from there unless a config names another extractor.
 */
public final class Extractors {
  /** Overrides the home folder; for tests and shared machines. */
  public static final String HOME_PROPERTY = "ganforge.home";

  private Extractors() {}

  /** The GANForge home folder: the {@value #HOME_PROPERTY} property, else GANFORGE_HOME, else ~/.ganforge. */
  public static Path home() {
    String property = System.getProperty(HOME_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String environment = System.getenv("GANFORGE_HOME");
    if (environment != null && !environment.isBlank()) {
      return Path.of(environment);
    }
    return Path.of(System.getProperty("user.home"), ".ganforge");
  }

  /** The default domain classifier of a dataset, e.g. {@code ~/.ganforge/classifiers/fashion-mnist.zip}. */
  public static Path defaultClassifier(String dataset) {
    return home().resolve("classifiers").resolve(dataset + ".zip");
  }
}
