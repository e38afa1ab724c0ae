package dev.ganforge.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin (a jar, or a folder of jars). It looks in the plugin's own jars first,
 * so a plugin can bring library versions of its own, except for the packages whose types cross the
 * plugin boundary: the GANForge API, DL4J/ND4J and their natives, Jackson annotations and SLF4J, which
 * always come from GANForge so that a plugin's {@code INDArray} is GANForge's {@code INDArray}.
 */
final class PluginClassLoader extends URLClassLoader {
  static {
    ClassLoader.registerAsParallelCapable();
  }

  private static final List<String> PARENT_FIRST_PREFIXES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "org.w3c.",
          "org.xml.",
          "dev.ganforge.api.",
          "org.nd4j.",
          "org.deeplearning4j.",
          "org.bytedeco.",
          "com.fasterxml.jackson.annotation.",
          "org.slf4j.");

  PluginClassLoader(String name, URL[] urls, ClassLoader parent) {
    super(name, urls, parent);
  }

  static boolean isParentFirst(String className) {
    return PARENT_FIRST_PREFIXES.stream().anyMatch(className::startsWith);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isParentFirst(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException notInPlugin) {
          loaded = getParent().loadClass(name);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
    urls.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(urls);
  }
}
