package dev.ganforge.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Writes plugin jars for plugin-directory tests, from classes compiled into the test classpath. */
public final class PluginJars {
  private PluginJars() {}

  /**
   * Writes {@code jar} holding {@code classes} and a services file registering {@code providers} for
   * {@code providerInterface}: what AutoService generates in a real plugin build.
   */
  public static Path write(Path jar, Class<?> providerInterface, Map<Class<?>, Boolean> classes)
      throws IOException {
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      StringBuilder services = new StringBuilder();
      for (Map.Entry<Class<?>, Boolean> entry : classes.entrySet()) {
        Class<?> type = entry.getKey();
        String resource = type.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(resource));
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("no class file for " + type);
          }
          in.transferTo(out);
        }
        out.closeEntry();
        if (entry.getValue()) {
          services.append(type.getName()).append('\n');
        }
      }
      out.putNextEntry(new JarEntry("META-INF/services/" + providerInterface.getName()));
      out.write(services.toString().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }
}
