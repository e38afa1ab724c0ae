package dev.ganforge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Plugin authors read the API's Javadoc, so every package has a {@code package-info.java}, every public
 * type carries a stability marker, and every public type and member has a doc comment.
 */
final class ApiDocumentationTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/ganforge/api");

  /** A top-level public type, or a non-private member declared at the first indentation level. */
  private static final Pattern DECLARATION = Pattern.compile(
      "^(public .*|  (?!\\s|private |return |throw |new |super\\()[\\w<>, ?\\[\\].]+ \\w+\\((?!.*=).*)");

  @Test
  void everyPackageHasAPackageInfo() throws IOException {
    try (Stream<Path> directories = Files.walk(SOURCES)) {
      assertThat(directories.filter(Files::isDirectory))
          .allSatisfy(directory -> assertThat(directory.resolve("package-info.java")).exists());
    }
  }

  @Test
  void everyPublicTypeIsMarkedPublicApiOrExperimental() throws IOException {
    for (Path source : sources()) {
      String text = Files.readString(source);
      if (!source.endsWith("package-info.java") && !source.getFileName().toString().equals("PublicApi.java")
          && !source.getFileName().toString().equals("Experimental.java")) {
        assertThat(text).as(source.toString()).containsAnyOf("@PublicApi\n", "@Experimental\n");
      }
    }
  }

  @Test
  void everyPublicDeclarationHasADocComment() throws IOException {
    List<String> undocumented = new ArrayList<>();
    for (Path source : sources()) {
      List<String> lines = Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!DECLARATION.matcher(line).matches() || line.contains("@Override") || isOverride(lines, i)) {
          continue;
        }
        int previous = i - 1;
        while (previous >= 0 && isAnnotationLine(lines.get(previous).trim())) {
          previous--;
        }
        if (previous < 0 || !lines.get(previous).trim().endsWith("*/")) {
          undocumented.add(SOURCES.relativize(source) + ":" + (i + 1) + ": " + line.trim());
        }
      }
    }
    assertThat(undocumented).as("public API declarations without a doc comment").isEmpty();
  }

  /** An annotation, or a continuation line of a multi-line one ({@code ElementType.FIELD,}). */
  private static boolean isAnnotationLine(String line) {
    return line.startsWith("@") || (!line.startsWith("*") && !line.startsWith("/")
        && (line.endsWith(",") || line.endsWith("})") || line.endsWith(")")));
  }

  private static boolean isOverride(List<String> lines, int index) {
    return index > 0 && lines.get(index - 1).trim().equals("@Override");
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    }
  }
}
