package dev.ganforge.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.ganforge.core.inject.GanForgeModule;
import dev.ganforge.core.plugin.PluginLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code gan} command: global options, and the plugin wiring its subcommands share. */
@Command(
    name = "gan",
    mixinStandardHelpOptions = true,
    versionProvider = GanCommand.Version.class,
    description = "Train and evaluate GANs assembled from plugins.",
    subcommands = {
      TrainCommand.class,
      ResumeCommand.class,
      SampleCommand.class,
      EvalCommand.class,
      BenchCommand.class,
      LrProbeCommand.class,
      CompareCommand.class,
      SweepCommand.class,
      SweepTaskCommand.class,
      ClassifierCommand.class,
      PluginsCommand.class,
      ValidateCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:an unexpected error (rerun with --stacktrace and report it)",
      "2:bad usage or configuration, or a run directory in use by another run",
      "3:missing or unreadable data or checkpoint",
      "4:training diverged (a NaN or infinite loss)",
      "5:the alert policy stopped training",
      "6:the disk is full",
      "7:a sweep or comparison stopped: a task failed on every attempt, or its destination holds a run of another config",
      "130:stopped by Ctrl-C after a checkpoint",
      "143:stopped by SIGTERM after a checkpoint"
    })
public final class GanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--plugin-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Folder of plugin jars (or of one sub-folder of jars per plugin). Repeatable.")
  List<Path> pluginDirectories = new ArrayList<>();

  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  boolean stacktrace;

  private Injector injector;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ErrorHandler.USAGE;
  }

  /** The wiring of this invocation: the classpath's plugins plus those in every {@code --plugin-dir}. */
  Injector injector() {
    if (injector == null) {
      injector = Guice.createInjector(
          new GanForgeModule(PluginLoader.load(GanCommand.class.getClassLoader(), pluginDirectories)));
    }
    return injector;
  }

  /** Reads the version Maven wrote into {@code version.properties}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = GanCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"GANForge " + properties.getProperty("version", "(unknown version)")};
    }
  }
}
