package dev.ganforge.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code gan classifier}: the domain classifiers that feature-based metrics read. */
@Command(
    name = "classifier",
    mixinStandardHelpOptions = true,
    description = "Domain classifiers: the feature extractors of FID, KID, precision/recall and the Inception "
        + "Score where no Inception weights are available.",
    subcommands = {ClassifierTrainCommand.class})
final class ClassifierCommand {
  @ParentCommand GanCommand gan;
}
