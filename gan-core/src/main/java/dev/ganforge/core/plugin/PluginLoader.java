package dev.ganforge.core.plugin;

import dev.ganforge.api.PluginProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * Finds plugins with {@link ServiceLoader}: on the application classpath (the built-ins and anything a
 * user put there), and in plugin directories. In a plugin directory, each {@code *.jar} is one plugin and
 * each sub-folder is one plugin made of the jars inside it (a plugin and its own dependencies); each
 * plugin gets its own {@link PluginClassLoader}.
 */
public final class PluginLoader {
  private static final String BUILT_IN_PACKAGE = "dev.ganforge.";

  private PluginLoader() {}

  /**
   * Loads every plugin on {@code classpath} and in {@code pluginDirectories}.
   *
   * @throws PluginLoadException when a directory is missing, a plugin is broken, or two plugins provide
   *     the same kind and type name
   */
  public static PluginRegistry load(ClassLoader classpath, List<Path> pluginDirectories) {
    PluginRegistry.Builder registry = PluginRegistry.builder();
    for (PluginKind kind : PluginKind.values()) {
      for (PluginProvider<?, ?> provider : providers(kind, classpath, "the classpath")) {
        registry.add(new PluginDescriptor(kind, provider, originOf(provider.getClass()),
            locationOf(provider.getClass())));
      }
    }
    for (Path directory : pluginDirectories) {
      for (Path plugin : pluginsIn(directory)) {
        PluginClassLoader loader = classLoaderFor(plugin, classpath);
        checkServicesFiles(jarsOf(plugin), loader);
        String name = plugin.getFileName().toString();
        for (PluginKind kind : PluginKind.values()) {
          for (PluginProvider<?, ?> provider : providers(kind, loader, plugin.toString())) {
            if (provider.getClass().getClassLoader() == loader) {
              registry.add(new PluginDescriptor(kind, provider, name, plugin.toString()));
            }
          }
        }
      }
    }
    return registry.build();
  }

  /** The built-ins and whatever else is on the application classpath. */
  public static PluginRegistry loadClasspath() {
    return load(PluginLoader.class.getClassLoader(), List.of());
  }

  private static List<PluginProvider<?, ?>> providers(PluginKind kind, ClassLoader loader, String where) {
    List<PluginProvider<?, ?>> providers = new ArrayList<>();
    try {
      for (ServiceLoader.Provider<? extends PluginProvider> candidate :
          ServiceLoader.load(kind.providerInterface(), loader).stream().toList()) {
        if (loader instanceof PluginClassLoader && candidate.type().getClassLoader() != loader) {
          continue; // found through the parent: the classpath pass has it already
        }
        providers.add(candidate.get());
      }
    } catch (ServiceConfigurationError | LinkageError broken) {
      throw new PluginLoadException(
          "cannot load a " + kind.displayName() + " plugin from " + where + ": " + broken.getMessage()
              + "\n  is it built against this GANForge API version, with its dependencies in its folder?",
          broken);
    }
    return providers;
  }

  private static List<Path> pluginsIn(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new PluginLoadException(
          "plugin directory " + directory.toAbsolutePath() + " does not exist or is not a folder"
              + "\n  --plugin-dir takes a folder holding plugin jars (or one sub-folder of jars per plugin)");
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(entry -> isJar(entry) || Files.isDirectory(entry))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new PluginLoadException("cannot list plugin directory " + directory + ": " + e.getMessage(), e);
    }
  }

  /** A plugin's jars: the jar itself, or every jar in its folder. */
  private static List<Path> jarsOf(Path plugin) {
    if (!Files.isDirectory(plugin)) {
      return List.of(plugin);
    }
    try (Stream<Path> entries = Files.list(plugin)) {
      return entries.filter(PluginLoader::isJar).sorted().toList();
    } catch (IOException e) {
      throw new PluginLoadException("cannot list plugin folder " + plugin + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses what a class loader would pass over in silence: a {@code .jar} that is no zip file, and a
   * GANForge services file naming a class that is not a provider of its kind.
   */
  private static void checkServicesFiles(List<Path> jars, ClassLoader loader) {
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        for (PluginKind kind : PluginKind.values()) {
          String services = "META-INF/services/" + kind.providerInterface().getName();
          JarEntry entry = file.getJarEntry(services);
          if (entry == null) {
            continue;
          }
          String text;
          try (InputStream in = file.getInputStream(entry)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          for (String line : text.split("\\R")) {
            String name = line.replaceFirst("#.*", "").trim();
            if (!name.isEmpty()) {
              checkProvider(jar, services, name, kind, loader);
            }
          }
        }
      } catch (ZipException e) {
        throw new PluginLoadException("plugin " + jar + " is not a jar (zip) file (" + e.getMessage()
            + "); rebuild it, or take it out of the plugin directory", e);
      } catch (IOException e) {
        throw new PluginLoadException("cannot read plugin " + jar + ": " + e.getMessage(), e);
      }
    }
  }

  private static void checkProvider(Path jar, String services, String name, PluginKind kind, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError missing) {
      return; // loading the providers reports a missing class, with what it needs
    }
    if (!kind.providerInterface().isAssignableFrom(type)) {
      throw new PluginLoadException("plugin " + jar + ": " + services + " names " + name + ", which is not a "
          + kind.displayName() + " provider (it does not implement " + kind.providerInterface().getSimpleName()
          + "); register providers with @AutoService, never by hand");
    }
  }

  private static PluginClassLoader classLoaderFor(Path plugin, ClassLoader parent) {
    List<Path> jars = jarsOf(plugin);
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new PluginLoadException("bad plugin path " + jars.get(i) + ": " + e.getMessage(), e);
      }
    }
    return new PluginClassLoader("plugin " + plugin.getFileName(), urls, parent);
  }

  private static boolean isJar(Path path) {
    return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
  }

  /**
   * The built-in module a classpath provider belongs to ({@code dev.ganforge.losses...} is
   * {@code gan-losses}), which stays right inside the shaded launcher jar; else its jar's file name.
   */
  static String originOf(Class<?> type) {
    String packageName = type.getPackageName();
    if (packageName.startsWith(BUILT_IN_PACKAGE)) {
      String module = packageName.substring(BUILT_IN_PACKAGE.length()).split("\\.", 2)[0];
      return "gan-" + module;
    }
    String location = locationOf(type);
    return Path.of(location).getFileName().toString();
  }

  static String locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "the classpath";
    }
    try {
      return Path.of(source.getLocation().toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }
}
